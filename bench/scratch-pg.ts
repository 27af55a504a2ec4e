import { performance } from "node:perf_hooks";
import pg from "pg";
import { openTestDatabaseServer } from "@/tests/helpers/test-database";
const server = await openTestDatabaseServer(undefined);
const url = await server.createDatabase("x");
const c = new pg.Client({ connectionString: url });
await c.connect();
await c.query("create table t (id serial primary key, v text)");
const time = async (label: string, sql: string, n = 300) => {
  const ts: number[] = [];
  for (let i = 0; i < n; i++) { const s = performance.now(); await c.query(sql); ts.push(performance.now() - s); }
  ts.sort((a, b) => a - b);
  console.log(label.padEnd(30), "p50", ts[n >> 1]!.toFixed(2), "p90", ts[Math.floor(n * 0.9)]!.toFixed(2), "p99", ts[Math.floor(n * 0.99)]!.toFixed(2));
};
for (let r = 0; r < 2; r++) {
  await time("select 1", "select 1");
  await time("insert autocommit", "insert into t (v) values ('x')");
  await time("pg_notify", "select pg_notify('abc', 'x')");
  await time("insert+notify one tx", "begin; insert into t (v) values ('x'); select pg_notify('abc','x'); commit");
  await c.query("set synchronous_commit = off");
  await time("insert, sync commit off", "insert into t (v) values ('x')");
  await c.query("set synchronous_commit = on");
}
console.log((await c.query("show fsync")).rows, (await c.query("show wal_sync_method")).rows);
await c.end();
await server.close();

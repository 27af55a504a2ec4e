import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { createMigratedDatabase, openTestDatabaseServer } from "@/tests/helpers/test-database";

// In-process, on a database of this file's own: the connection that listens for queued jobs can
// be cut from the server side without touching anyone else's.
let server: Awaited<ReturnType<typeof openTestDatabaseServer>>;
let databaseUrl: string;
let wakeups: typeof import("@/lib/jobs/job-wakeups");
let queues: typeof import("@/lib/jobs/get-queue");

/** Queues a job as the agent channel does: through pg-boss, whose insert announces it. */
async function queueJob(queue: string): Promise<void> {
  const boss = await queues.getQueue();
  const { ensureQueue } = await import("@/lib/jobs/ensure-queue");
  await ensureQueue(boss, queue, { notify: true });
  expect(await boss.send(queue, {})).toBeTruthy();
}

/** Ends the server session behind this process's LISTEN, as a database restart or failover would. */
async function cutListenerConnection(): Promise<void> {
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  try {
    const { rowCount } = await admin.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
       WHERE datname = current_database() AND query LIKE 'LISTEN %' AND pid <> pg_backend_pid()`,
    );
    expect(rowCount).toBe(1);
  } finally {
    await admin.end();
  }
}

/** "woken" if the wakeup fires within `withinMs` — far less than the hold it was armed with. */
function outcome(wait: Promise<boolean>, withinMs = 10_000): Promise<string> {
  return Promise.race([
    wait.then((woken) => (woken ? "woken" : "timed out")),
    sleep(withinMs).then(() => "still asleep"),
  ]);
}

beforeAll(async () => {
  server = await openTestDatabaseServer(inject("databaseServerUrl"));
  databaseUrl = await createMigratedDatabase(server, "hw_wakeups");
  vi.stubEnv("DATABASE_URL", databaseUrl);
  wakeups = await import("@/lib/jobs/job-wakeups");
  queues = await import("@/lib/jobs/get-queue");
});

afterAll(async () => {
  await (await queues?.getQueue())?.stop({ graceful: false });
  await server?.close();
});

describe("waking held polls", () => {
  it("wakes a poll when a job is queued for its tenant, and not for another tenant's", async () => {
    const mine = await wakeups.armJobWakeup(["onprem-tenant-a"]);
    const others = await wakeups.armJobWakeup(["onprem-tenant-b"]);
    await queueJob("onprem-tenant-a");
    expect(await outcome(mine.wait(60_000))).toBe("woken");
    expect(await outcome(others.wait(60_000), 1000)).toBe("still asleep");
    others.cancel();
  });

  it("wakes one poll of a queue per announcement, the longest-waiting, and a passed-on wake the next", async () => {
    const first = await wakeups.armJobWakeup(["onprem-tenant-d/agent-1", "onprem-tenant-d"]);
    const second = await wakeups.armJobWakeup(["onprem-tenant-d/agent-2", "onprem-tenant-d"]);
    const third = await wakeups.armJobWakeup(["onprem-tenant-d/agent-3", "onprem-tenant-d"]);
    const [waitFirst, waitSecond, waitThird] = [first.wait(60_000), second.wait(60_000), third.wait(60_000)];
    await queueJob("onprem-tenant-d");
    expect(await outcome(waitFirst)).toBe("woken");
    expect(await outcome(waitSecond, 1000)).toBe("still asleep");

    // The woken poll took the job: the next one looks, as there may be more.
    wakeups.passJobWakeupOn(["onprem-tenant-d/agent-1", "onprem-tenant-d"]);
    expect(await outcome(waitSecond)).toBe("woken");
    // A second announcement wakes the one left; none wakes a poll already woken.
    await queueJob("onprem-tenant-d");
    expect(await outcome(waitThird)).toBe("woken");
  });

  it("still wakes polls after the listening database connection was lost", async () => {
    const before = await wakeups.armJobWakeup(["onprem-tenant-a/agent-1", "onprem-tenant-a"]);
    const alsoBefore = await wakeups.armJobWakeup(["onprem-tenant-a/agent-2", "onprem-tenant-a"]);
    await cutListenerConnection();
    // Every poll asleep when the connection drops is woken to look in its queues for itself.
    expect(await outcome(before.wait(60_000))).toBe("woken");
    expect(await outcome(alsoBefore.wait(60_000))).toBe("woken");

    // The next poll listens on a new connection, and a job queued now reaches it at once.
    const after = await wakeups.armJobWakeup(["onprem-tenant-a"]);
    await queueJob("onprem-tenant-a");
    expect(await outcome(after.wait(60_000))).toBe("woken");
  });

  it("wakes polls for a queue an earlier version made without announcing its jobs, once it is ensured", async () => {
    const boss = await queues.getQueue();
    await boss.createQueue("onprem-tenant-c");
    const waiting = await wakeups.armJobWakeup(["onprem-tenant-c"]);
    await queueJob("onprem-tenant-c");
    expect(await outcome(waiting.wait(60_000))).toBe("woken");
  });
});

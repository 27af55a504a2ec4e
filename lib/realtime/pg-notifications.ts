import pg from "pg";
import { getDb } from "@/lib/db";
import { getServerEnv } from "@/lib/env";
import { getLogger } from "@/lib/logger";

// Postgres LISTEN/NOTIFY as the one way web instances tell each other that
// something happened (a job queued, an agent paired). One listening connection per process.

type Handler = (payload: string) => void;

interface Listener {
  handlers: Map<string, Set<Handler>>;
  client: Promise<pg.Client> | undefined;
}

const holder = globalThis as unknown as { pgNotifications?: Listener };
holder.pgNotifications ??= { handlers: new Map(), client: undefined };
const state: Listener = holder.pgNotifications;

function connect(): Promise<pg.Client> {
  state.client ??= (async () => {
    const client = new pg.Client({ connectionString: getServerEnv().DATABASE_URL });
    client.on("notification", (message) => {
      for (const handle of state.handlers.get(message.channel) ?? []) handle(message.payload ?? "");
    });
    client.on("error", (error) => {
      // Tell every subscriber, so nobody sleeps on a dead connection; the next subscribe reconnects.
      getLogger().warn({ err: error }, "notification listener lost; reconnecting");
      state.client = undefined;
      for (const set of state.handlers.values()) for (const handle of set) handle("");
    });
    await client.connect();
    return client;
  })().catch((error) => {
    state.client = undefined;
    throw error;
  });
  return state.client;
}

/** Calls `handler` with each payload NOTIFYed on `channel` (and with "" if the connection was lost). */
export async function subscribe(channel: string, handler: Handler): Promise<() => void> {
  if (!/^[a-z_]+$/.test(channel)) throw new Error(`not a channel name: ${channel}`);
  const client = await connect();
  let set = state.handlers.get(channel);
  if (!set) {
    set = new Set();
    state.handlers.set(channel, set);
    await client.query(`LISTEN ${channel}`);
  }
  set.add(handler);
  return () => {
    set.delete(handler);
  };
}

export async function notify(channel: string, payload: string): Promise<void> {
  await getDb().$executeRaw`SELECT pg_notify(${channel}, ${payload})`;
}

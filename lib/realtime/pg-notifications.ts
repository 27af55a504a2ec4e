import pg from "pg";
import { getSql } from "@/lib/db";
import { getServerEnv } from "@/lib/env";
import { getLogger } from "@/lib/logger";

// Postgres LISTEN/NOTIFY as the one way web instances tell each other that
// something happened (a job queued, an agent paired). One listening connection per process.

type Handler = (payload: string) => void;
/** A channel's handlers by the one payload they wait for; `null`: every payload. */
type Subscribers = Map<string | null, Set<Handler>>;

interface Listener {
  handlers: Map<string, Subscribers>;
  client: Promise<pg.Client> | undefined;
  /** The LISTEN of each channel on the current connection, once it is sent. */
  listening: Map<string, Promise<void>>;
}

const holder = globalThis as unknown as { pgNotifications?: Listener };
holder.pgNotifications ??= { handlers: new Map(), client: undefined, listening: new Map() };
const state: Listener = holder.pgNotifications;

/** The last LISTEN sent on each connection: the next waits for it (pg 9 refuses overlapping queries on a client). */
const lastListen = new WeakMap<pg.Client, Promise<unknown>>();

function listen(client: pg.Client, channel: string): Promise<void> {
  const listening = state.listening.get(channel);
  if (listening) return listening;
  const previous = lastListen.get(client) ?? Promise.resolve();
  const sent = previous
    .catch(() => {})
    .then(() => client.query(`LISTEN ${channel}`))
    .then(() => undefined);
  lastListen.set(client, sent);
  state.listening.set(channel, sent);
  sent.catch(() => {
    if (state.listening.get(channel) === sent) state.listening.delete(channel);
  });
  return sent;
}

function connect(): Promise<pg.Client> {
  state.client ??= (async () => {
    const client = new pg.Client({ connectionString: getServerEnv().DATABASE_URL });
    client.on("notification", (message) => {
      const subscribers = state.handlers.get(message.channel);
      const payload = message.payload ?? "";
      // A thousand held polls wait on one channel: look up those waiting for this payload, don't ask each.
      for (const handle of subscribers?.get(null) ?? []) handle(payload);
      for (const handle of subscribers?.get(payload) ?? []) handle(payload);
    });
    let lost = false;
    client.on("error", (error) => {
      // A dying connection may report more than once; only the first may reset the state, which
      // by the second can belong to a new connection already.
      if (lost) return;
      lost = true;
      // Tell every subscriber, so nobody sleeps on a dead connection; the next subscribe reconnects.
      getLogger().warn({ err: error }, "notification listener lost; reconnecting");
      state.client = undefined;
      state.listening.clear();
      for (const subscribers of state.handlers.values())
        for (const set of subscribers.values()) for (const handle of set) handle("");
    });
    await client.connect();
    // A new connection listens on nothing: after a lost one, listen again wherever someone subscribed.
    await Promise.all([...state.handlers.keys()].map((channel) => listen(client, channel)));
    return client;
  })().catch((error) => {
    state.client = undefined;
    throw error;
  });
  return state.client;
}

/**
 * Calls `handler` with each payload NOTIFYed on `channel` — or only with `payload`, when given —
 * and with "" if the connection was lost.
 */
export async function subscribe(channel: string, handler: Handler, payload?: string): Promise<() => void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`not a channel name: ${channel}`);
  let subscribers = state.handlers.get(channel);
  if (!subscribers) {
    subscribers = new Map();
    state.handlers.set(channel, subscribers);
  }
  const key = payload ?? null;
  let set = subscribers.get(key);
  if (!set) {
    set = new Set();
    subscribers.set(key, set);
  }
  set.add(handler);
  const unsubscribe = () => {
    set.delete(handler);
    if (set.size === 0 && subscribers.get(key) === set) subscribers.delete(key);
  };
  try {
    // Resolves only once the channel is listened on, also for a second subscriber racing the first.
    await listen(await connect(), channel);
  } catch (error) {
    unsubscribe();
    throw error;
  }
  return unsubscribe;
}

/** On the shared pool in plain SQL: every queued job and every report announces itself. */
export async function notify(channel: string, payload: string): Promise<void> {
  await getSql().query("SELECT pg_notify($1, $2)", [channel, payload]);
}

import { notify, subscribe } from "@/lib/realtime/pg-notifications";

// "This run moved" (an operation's status, a log line), from whichever instance's worker did it, to
// every Update page that listens (server-sent events): the payload is the run id, and the stream
// reads what changed from the database, which stays the record.
const CHANNEL = "hw_run_events";

export function announceRunChanged(runId: string): Promise<void> {
  return notify(CHANNEL, runId);
}

/** `onLost`: the listening connection went away and notices may have been missed. */
export function subscribeRunChanged(
  runId: string,
  onChange: () => void,
  onLost: () => void,
): Promise<() => void> {
  return subscribe(CHANNEL, (payload) => (payload === "" ? onLost() : onChange()), runId);
}

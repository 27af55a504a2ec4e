// How long the queues' upkeep rests between passes. A pass goes over every queue, a customer's and
// each of its agents', so its length grows with the number of customers: 1.4 s at ten thousand
// queues, nearly all of it CPU (bench/queue-upkeep.ts). At a fixed interval the upkeep's share of a
// core grows with the customers, in bursts that slow the hand-outs beside them; resting nineteen
// times as long as the pass took holds it to a twentieth of the time at any size. A deployment of
// a few thousand queues still passes every interval, and a lapsed lease is still noticed within a
// minute at most: pg-boss's daily retention pass, twenty times longer than the others, does not
// push the next lease check out by minutes.

/** The share of the time the upkeep may spend in its passes. */
const UPKEEP_SHARE = 0.05;
/** The longest rest, unless the interval asks for longer: pg-boss's own default between passes. */
const LONGEST_PAUSE_MS = 60_000;

/** How long to wait after a pass that took `tookMs`, given the configured shortest interval. */
export function pauseAfterPass(tookMs: number, intervalSeconds: number): number {
  const intervalMs = intervalSeconds * 1000;
  const paced = Math.round((tookMs * (1 - UPKEEP_SHARE)) / UPKEEP_SHARE);
  return Math.min(Math.max(intervalMs, paced), Math.max(intervalMs, LONGEST_PAUSE_MS));
}

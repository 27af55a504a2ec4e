/**
 * How long the server holds a poll for which no job is waiting: a random time between half and
 * all of `holdSeconds`. An agent polls again the moment its hold ends, so equal holds would keep
 * agents that connected together — after a restart or a network outage, all of them — coming
 * back in one wave every period, each wave a burst of authentications and queue reads that
 * delays the jobs being handed out meanwhile. Random holds spread them over the period.
 */
export function pollHoldMs(holdSeconds: number, random: () => number = Math.random): number {
  return Math.round(holdSeconds * 1000 * (0.5 + random() / 2));
}

/** p50 / p99 (nearest rank) of latencies in milliseconds, as "12.3 ms / 45.6 ms". */
export function formatPercentiles(latenciesMs: number[], quantiles: number[] = [0.5, 0.99]): string {
  if (latenciesMs.length === 0) return "no samples";
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  return quantiles
    .map((q) => `${sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.toFixed(1)} ms`)
    .join(" / ");
}

// Timing of the UI's calls into Rust, for the benchmarks (only when the app asks).

/** The median of some numbers (NaN for none). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * Mean time in ms of `runs` sequential calls of `call`. Timed as a whole, because
 * WebKit rounds `performance.now()` to whole milliseconds.
 */
export async function roundTrip(call: () => Promise<unknown>, runs = 200): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < runs; i++) await call();
  return (performance.now() - start) / runs;
}

/** Summary statistics for benchmark samples. */

/** The q-quantile (0..1) of the samples, linearly interpolated; NaN when there are none. */
export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * Math.min(1, Math.max(0, q));
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (b - a) * (pos - lo);
}

export const median = (samples: readonly number[]): number => quantile(samples, 0.5);

/** The median of the finite values only (a failed round reports NaN and is left out). */
export function medianOfFinite(values: readonly number[]): number {
  return median(values.filter((v) => Number.isFinite(v)));
}

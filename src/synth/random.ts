// Seeded randomness for the synthetic archive: the same seed must give byte-identical archives,
// so nothing here may touch Math.random or the clock.
import { mulberry32 } from '../model/random.ts';

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [lo, hi] inclusive. */
  int(lo: number, hi: number): number;
  chance(p: number): boolean;
  pick<T>(xs: readonly T[]): T;
}

/** Sampling helpers over the one seeded PRNG (src/model/random.ts). */
export function rng(seed: number): Rng {
  const next = mulberry32(seed);
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    chance: (p) => next() < p,
    pick: (xs) => xs[Math.floor(next() * xs.length)]!,
  };
}

/** Sampling by weight in O(log n): cumulative sums built once, binary search per draw. */
export class Weighted<T> {
  private cum: number[] = [];
  private total = 0;
  constructor(private items: readonly T[], weights: readonly number[]) {
    for (const w of weights) {
      this.total += Math.max(0, w);
      this.cum.push(this.total);
    }
    if (!items.length || this.total <= 0) throw new Error('Weighted: no items with positive weight');
  }
  sample(r: Rng): T {
    const x = r.next() * this.total;
    let lo = 0;
    let hi = this.cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cum[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo]!;
  }
}

/** Draws from an empirical distribution given as sorted quantiles (linear interpolation between them). */
export function fromQuantiles(q: readonly number[], r: Rng): number {
  if (q.length === 1) return q[0]!;
  const x = r.next() * (q.length - 1);
  const i = Math.floor(x);
  const f = x - i;
  return q[i]! + (q[Math.min(i + 1, q.length - 1)]! - q[i]!) * f;
}

/** Sorted quantiles (count+1 points from min to max) of a sample; the compact form kept in stats.json. */
export function quantiles(xs: readonly number[], count = 50): number[] {
  if (!xs.length) return [0];
  const s = [...xs].sort((a, b) => a - b);
  const out: number[] = [];
  for (let i = 0; i <= count; i++) out.push(s[Math.round((i / count) * (s.length - 1))]!);
  return out;
}

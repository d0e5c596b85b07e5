// Thread disentanglement. PROVISIONAL: splits on time gaps only.
import type { Day } from './types.ts';

export interface ThreadOptions {
  /** Glossary terms and aliases, kept whole when comparing messages. */
  terms: string[];
}

const secs = (t: string) => { const [h, m, s] = t.split(':').map(Number); return h * 3600 + m * 60 + s; };

/** Groups the day's message seqs into threads; every seq appears in exactly one group. */
export function disentangle(day: Day, _opts: ThreadOptions): number[][] {
  const groups: number[][] = [];
  let last = -Infinity;
  for (const m of day.messages) {
    const t = secs(m.time);
    if (t - last > 1800 || groups.length === 0) groups.push([]);
    groups[groups.length - 1].push(m.seq);
    last = t;
  }
  return groups;
}

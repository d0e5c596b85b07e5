// Pages that grow without bound are cut into parts: a busy day (proddev 2017-12-22 has 2,102 messages, one
// 1.3 MB page 31,800 px tall), a long thread, the people list. Pure: decides where the parts start; the URLs of
// parts and of a message inside them are in urls.ts, which every link (pages, search UI, feed) goes through.
//
// Why 400 messages: a part of 400 chat messages is about 150–250 KB of HTML and a few thousand pixels, a page
// a phone renders at once, while nine days in ten keep one page and one URL (81 of the 719 real days have more
// than 400 messages: `grep -c '^> [0-9][0-9]:' content/logs/*/*.markdown | awk -F: '$2 > 400' | wc -l`).
import type { Day, Thread } from '../model/types.ts';
import { secondsOfDay } from '../text/time.ts';

export const DAY_PART_MESSAGES = 400;
/** A thread page lists the same rows as a day page, so the same bound. */
export const THREAD_PART_MESSAGES = 400;
/** People cards are small (three lines); 300 is one long but quick page. */
export const PEOPLE_PER_PAGE = 300;

/**
 * Where the parts of paginated pages start, as plain JSON (the search manifest carries the same object to the
 * browser): a day id -> the first seq of each of its parts (the first is always 1); a thread id -> the seq of
 * the first message of each of its parts (the first is the thread's own seq). Only pages with two parts or more
 * are listed: an absent id is one page.
 */
export interface PagePlan {
  days: Record<string, number[]>;
  threads: Record<string, number[]>;
}

export const EMPTY_PLAN: PagePlan = { days: {}, threads: {} };

const own = (rec: Record<string, number[]>, key: string): number[] | undefined => (Object.hasOwn(rec, key) ? rec[key] : undefined);
export const dayStarts = (plan: PagePlan, dayId: string): number[] | undefined => own(plan.days, dayId);
export const threadStarts = (plan: PagePlan, threadId: string): number[] | undefined => own(plan.threads, threadId);

/** The 1-based part holding `seq`, given the parts' first seqs (ascending); 1 without a plan. */
export function partOf(starts: readonly number[] | undefined, seq: number): number {
  if (!starts) return 1;
  let lo = 0;
  let hi = starts.length - 1;
  let part = 0;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid]! <= seq) { part = mid; lo = mid + 1; } else hi = mid - 1;
  }
  return part + 1;
}

/** Seq range [first, last] of part `part` (1-based) among `count` items numbered from starts[0]. */
export function partRange(starts: readonly number[], part: number, lastSeq: number): { first: number; last: number } {
  const first = starts[part - 1] ?? starts[0] ?? 1;
  const next = starts[part];
  return { first, last: next === undefined ? lastSeq : next - 1 };
}

/**
 * Cut points of a stream of messages into parts of at most `max`: returns the index (0-based) of the first item
 * of every part, starting with 0. A cut goes where the fewest conversations are interrupted (`groups`: each a
 * list of item indexes, e.g. a thread's messages), then at the longest silence (`seconds` of each item), then as
 * late as possible; it is searched in the second half of each window, so no part is shorter than max / 2
 * except the last.
 */
export function cutStream(seconds: readonly number[], groups: readonly (readonly number[])[], max: number): number[] {
  const n = seconds.length;
  if (max < 1) throw new Error(`part size must be at least 1 (got ${max})`);
  if (n <= max) return [0];
  // crossing[c] = groups with an item before c and one at or after c (a cut before item c splits them).
  const diff = new Int32Array(n + 1);
  for (const g of groups) {
    if (g.length < 2) continue;
    let lo = Infinity;
    let hi = -Infinity;
    for (const i of g) { if (i < lo) lo = i; if (i > hi) hi = i; }
    diff[lo + 1]! += 1;
    diff[hi + 1]! -= 1;
  }
  const crossing = new Int32Array(n + 1);
  for (let c = 1, run = 0; c <= n; c++) { run += diff[c]!; crossing[c] = run; }
  const starts = [0];
  let start = 0;
  while (n - start > max) {
    let best = -1;
    for (let c = start + Math.ceil(max / 2); c <= start + max; c++) {
      if (best < 0) { best = c; continue; }
      const gap = (seconds[c] ?? 0) - (seconds[c - 1] ?? 0);
      const bestGap = (seconds[best] ?? 0) - (seconds[best - 1] ?? 0);
      if (crossing[c]! < crossing[best]! || (crossing[c] === crossing[best] && gap >= bestGap)) best = c;
    }
    starts.push(best);
    start = best;
  }
  return starts;
}

/** Page numbers of a list of `count` items in pages of `size`: 1 … n (at least one page, even when empty). */
export const pageCount = (count: number, size: number): number => Math.max(1, Math.ceil(count / size));

/** The plan of a whole archive: every day and thread longer than its bound, cut by cutStream. */
export function planPages(days: readonly Day[], threads: readonly Thread[], sizes = { day: DAY_PART_MESSAGES, thread: THREAD_PART_MESSAGES }): PagePlan {
  const plan: PagePlan = { days: {}, threads: {} };
  const secondsOf = (time: string) => { const s = secondsOfDay(time); return Number.isFinite(s) ? s : 0; };
  const byDay = new Map<string, Thread[]>();
  for (const t of threads) { const l = byDay.get(t.day); if (l) l.push(t); else byDay.set(t.day, [t]); }
  for (const d of days) {
    if (d.messages.length <= sizes.day) continue;
    const groups = (byDay.get(d.id) ?? []).map((t) => t.seqs.map((s) => s - 1));
    const cuts = cutStream(d.messages.map((m) => secondsOf(m.time)), groups, sizes.day);
    plan.days[d.id] = cuts.map((i) => i + 1);
  }
  const dayOf = new Map(days.map((d) => [d.id, d]));
  for (const t of threads) {
    if (t.seqs.length <= sizes.thread) continue;
    const day = dayOf.get(t.day);
    const cuts = cutStream(t.seqs.map((s) => secondsOf(day?.messages[s - 1]?.time ?? t.start)), [], sizes.thread);
    plan.threads[t.id] = cuts.map((i) => t.seqs[i]!);
  }
  return plan;
}

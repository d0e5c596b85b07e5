// Concordance of a glossary term: every occurrence of the term and its aliases in context (KWIC), grouped by
// thread, how often it came up over time, and which other terms share its threads.
import { compileTermWords, termSpansWith } from './glossary.ts';
import type { Archive, Message, Term } from '../model/types.ts';
import { dayRef } from '../model/ids.ts';

export interface KwicLine {
  messageId: string;
  day: string;
  seq: number;
  time: string;
  speaker: string;
  left: string;
  match: string;
  right: string;
}

export interface KwicGroup {
  threadId: string | null;
  day: string;
  lines: KwicLine[];
}

/** Precomputed once per archive (see term-occurrences.ts), so a glossary page does not rescan every message. */
export interface ConcordanceScope {
  /** The messages that may mention the term, in archive order (a superset is fine). */
  messages: readonly Message[];
  /** message id -> thread id */
  threadOf: ReadonlyMap<string, string>;
}

/** Keyword-in-context lines for a term, grouped by thread in archive order. */
export function concordance(term: Term, archive: Archive, width = 24, scope?: ConcordanceScope): KwicGroup[] {
  let threadOf = scope?.threadOf;
  if (!threadOf) {
    const map = new Map<string, string>();
    for (const t of archive.threads) for (const id of t.messageIds) map.set(id, t.id);
    threadOf = map;
  }
  const groups: KwicGroup[] = [];
  const byKey = new Map<string, KwicGroup>();
  // Spans against this term alone: an alias inside a longer different term still counts as an occurrence.
  const words = compileTermWords([term]);
  const messages = scope?.messages ?? archive.days.flatMap((d) => d.messages);
  for (const m of messages) {
    if (m.duplicateOf !== null) continue;
    const text = m.text.replace(/\s+/g, ' ');
    for (const s of termSpansWith(text, words)) {
      const threadId = threadOf.get(m.id) ?? null;
      const key = threadId ?? `${m.day}/-`;
      let g = byKey.get(key);
      if (!g) {
        g = { threadId, day: m.day, lines: [] };
        byKey.set(key, g);
        groups.push(g);
      }
      const left = text.slice(Math.max(0, s.start - width), s.start);
      const right = text.slice(s.end, s.end + width);
      g.lines.push({
        messageId: m.id, day: m.day, seq: m.seq, time: m.time, speaker: m.speaker,
        left: (s.start > width ? '…' : '') + left, match: text.slice(s.start, s.end), right: right + (s.end + width < text.length ? '…' : ''),
      });
    }
  }
  return groups;
}

export interface PeriodCount {
  /** YYYY-MM */
  period: string;
  count: number;
}

/** Occurrences per month over the archive's whole span (months without any are 0, so the chart shows gaps). */
export function occurrencesByMonth(groups: KwicGroup[], archive: Archive): PeriodCount[] {
  const months = archive.days.map((d) => d.date.slice(0, 7)).sort();
  if (months.length === 0) return [];
  const counts = new Map<string, number>();
  for (const g of groups) for (const l of g.lines) {
    const p = dayRef(l.day).date.slice(0, 7);
    counts.set(p, (counts.get(p) ?? 0) + 1);
  }
  const out: PeriodCount[] = [];
  let [y, mo] = months[0]!.split('-').map(Number);
  const [ey, em] = months[months.length - 1]!.split('-').map(Number);
  while (y! < ey! || (y === ey && mo! <= em!)) {
    const p = `${y}-${String(mo).padStart(2, '0')}`;
    out.push({ period: p, count: counts.get(p) ?? 0 });
    mo!++;
    if (mo! > 12) { mo = 1; y!++; }
  }
  return out;
}

export interface CoTerm {
  slug: string;
  term: string;
  /** Threads where both terms occur. */
  shared: number;
  /** Cosine of the two terms' thread sets, 0..1. */
  score: number;
}

/** Other glossary terms that occur in the same threads, strongest association first. */
export function cooccurringTerms(term: Term, terms: Term[], limit = 8): CoTerm[] {
  const mine = new Set(term.threadIds);
  if (mine.size === 0) return [];
  const out: CoTerm[] = [];
  for (const t of terms) {
    if (t.slug === term.slug || t.threadIds.length === 0) continue;
    const shared = t.threadIds.filter((id) => mine.has(id)).length;
    if (shared === 0) continue;
    out.push({ slug: t.slug, term: t.term, shared, score: Math.round((shared / Math.sqrt(mine.size * t.threadIds.length)) * 1000) / 1000 });
  }
  out.sort((a, b) => b.score - a.score || b.shared - a.shared || a.slug.localeCompare(b.slug));
  return out.slice(0, limit);
}

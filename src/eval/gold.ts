// Compares an Archive's threads of one day with a gold file (see ../shared/eval: message numbers are seqs).
import type { Archive } from '../model/types.ts';
import { threadPart } from '../model/ids.ts';
import { exactMatch, oneToOne, oneToOneAssignment, topicAgreement, type ExactMatch } from './metrics.ts';

export interface GoldFile {
  file: string;
  threads: { id: string; messages: number[]; topics?: string[]; title?: string }[];
}

export interface DayScore {
  oneToOne: number;
  exact: ExactMatch;
  topicAgreement: number;
  goldThreads: number;
  predThreads: number;
  /** One line per gold thread: its partner and the differences, for tuning. */
  details: string[];
}

/** Day id of a gold file: `devarch/2018-08-08-chat.markdown` -> `devarch/2018-08-08`. */
export function goldDayId(file: string): string {
  return file.replace(/-chat\.markdown$/, '');
}

export function evaluateDay(archive: Archive, gold: GoldFile): DayScore | null {
  const dayId = goldDayId(gold.file);
  if (!archive.days.some((d) => d.id === dayId)) return null;
  const pred = archive.threads.filter((t) => t.day === dayId);
  const g = gold.threads.map((t) => t.messages);
  const p = pred.map((t) => t.seqs);
  const pairs = oneToOneAssignment(g, p);
  const details = gold.threads.map((t, i) => {
    const q = pairs[i]! >= 0 ? pred[pairs[i]!] : null;
    const qs = new Set(q?.seqs ?? []);
    const gs = new Set(t.messages);
    const missing = t.messages.filter((s) => !qs.has(s));
    const extra = (q?.seqs ?? []).filter((s) => !gs.has(s));
    return `${t.id} ${q ? threadPart(q.seq) : '-'} [${(t.topics ?? []).join(',')}] vs [${q?.topics.slice(0, 3).join(',') ?? ''}] missing ${missing.join(' ') || '-'} extra ${extra.join(' ') || '-'}  «${q?.title ?? ''}»`;
  });
  return {
    oneToOne: oneToOne(g, p),
    exact: exactMatch(g, p),
    topicAgreement: topicAgreement(
      gold.threads.map((t) => ({ seqs: t.messages, topics: t.topics ?? [] })),
      pred.map((t) => ({ seqs: t.seqs, topics: t.topics })),
    ),
    goldThreads: g.length,
    predThreads: p.length,
    details,
  };
}

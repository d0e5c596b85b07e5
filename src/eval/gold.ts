// Compares an Archive's threads of one day with a gold file (see ../shared/eval: message numbers are seqs).
import type { Archive } from '../model/types.ts';
import { threadPart } from '../model/ids.ts';
import { exactMatch, oneToOne, oneToOneAssignment, topicAgreement, type ExactMatch } from './metrics.ts';

export interface GoldThread {
  id: string;
  messages: number[];
  topics?: string[];
  title?: string;
  /** seq of the question the thread opens with (absent: not a question thread). */
  question?: number | null;
  /** seqs of the messages by others that substantively answer it. */
  answers?: number[];
}

export interface GoldFile {
  file: string;
  note?: string;
  threads: GoldThread[];
}

/** Whether a gold file marks questions and answers (older files only mark threads). */
export const hasQA = (g: GoldFile) => g.threads.some((t) => 'question' in t);

/** Counts for precision/recall of a set of predicted seqs against gold seqs. */
export interface PR {
  tp: number;
  predicted: number;
  gold: number;
}

export const precision = (c: PR) => (c.predicted ? c.tp / c.predicted : 0);
export const recall = (c: PR) => (c.gold ? c.tp / c.gold : 0);
export const addPR = (a: PR, b: PR): PR => ({ tp: a.tp + b.tp, predicted: a.predicted + b.predicted, gold: a.gold + b.gold });

function pr(pred: Iterable<number>, gold: Iterable<number>): PR {
  const g = new Set(gold);
  const p = new Set(pred);
  let tp = 0;
  for (const x of p) if (g.has(x)) tp++;
  return { tp, predicted: p.size, gold: g.size };
}

/** Q&A of one day against the gold: questions (seqs) and answers (seqs), pooled over the day's threads. */
export interface QAScore {
  questions: PR;
  answers: PR;
}

export function scoreQA(gold: GoldFile, pred: { questionSeq: number | null; answerSeqs: number[] }[]): QAScore {
  return {
    questions: pr(pred.flatMap((q) => (q.questionSeq === null ? [] : [q.questionSeq])), gold.threads.flatMap((t) => (t.question == null ? [] : [t.question]))),
    answers: pr(pred.flatMap((q) => q.answerSeqs), gold.threads.flatMap((t) => t.answers ?? [])),
  };
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
    const j = pairs[i] ?? -1;
    const q = j >= 0 ? pred[j] ?? null : null;
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

// Agreement between two hand annotations of one day (inter-annotator agreement): the same measures the model is
// scored by, with annotation A in the gold's place and B in the model's, so a model figure and a human figure
// read side by side. One-to-one is symmetric; exact-match P and R swap with the roles, F1 does not. Pure.
import { exactMatch, oneToOne, type ExactMatch } from './metrics.ts';
import { scoreQA, hasQA, type GoldFile, type QAScore } from './gold.ts';
import { firstTopicAgreement, type TopicAgreement } from './topics.ts';

export interface Agreement {
  file: string;
  messages: number;
  threads: [number, number];
  oneToOne: number;
  exact: ExactMatch;
  /** B's questions and answers scored against A's (absent when either file marks no Q&A). */
  qa?: QAScore;
  /** A's first topic among the topics of B's thread holding most of it. */
  topics: TopicAgreement;
}

/** Every seq of the day, once: both annotations must cover the same messages to be comparable. */
function seqsOf(g: GoldFile): number[] {
  return g.threads.flatMap((t) => t.messages).sort((x, y) => x - y);
}

export function compareAnnotations(a: GoldFile, b: GoldFile): Agreement {
  if (a.file !== b.file) throw new Error(`agreement: ${a.file} and ${b.file} are different days`);
  const sa = seqsOf(a);
  const sb = seqsOf(b);
  if (sa.join(',') !== sb.join(',')) throw new Error(`agreement: ${a.file}: the two annotations cover different messages`);
  const ca = a.threads.map((t) => t.messages);
  const cb = b.threads.map((t) => t.messages);
  return {
    file: a.file,
    messages: sa.length,
    threads: [ca.length, cb.length],
    oneToOne: oneToOne(ca, cb),
    exact: exactMatch(ca, cb),
    ...(hasQA(a) && hasQA(b)
      ? { qa: scoreQA(a, b.threads.map((t) => ({ questionSeq: t.question ?? null, answerSeqs: t.answers ?? [] }))) }
      : {}),
    topics: firstTopicAgreement(
      a.threads.map((t) => ({ seqs: t.messages, topics: t.topics ?? [] })),
      b.threads.map((t) => ({ seqs: t.messages, topics: t.topics ?? [] })),
    ),
  };
}

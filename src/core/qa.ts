// Questions and answers within a thread. PROVISIONAL.
import type { Day } from './types.ts';

export interface QA {
  questionSeq: number | null;
  answerSeqs: number[];
}

export function findQA(day: Day, seqs: number[]): QA {
  const first = day.messages[seqs[0] - 1];
  const isQ = /[?？]|吗|请教|怎么/.test(first?.text ?? '');
  return { questionSeq: isQ ? seqs[0] : null, answerSeqs: [] };
}

export function threadTitle(day: Day, seqs: number[], qa: QA): string {
  const m = day.messages[(qa.questionSeq ?? seqs[0]) - 1];
  return (m?.text ?? '').slice(0, 40);
}

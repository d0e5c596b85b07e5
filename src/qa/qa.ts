// Questions and answers within a thread, and its title. A thread "opens with a question" when its first
// speaker's opening run (their first messages, before anyone else talks) asks something (text/signals.ts); the
// answers are the replies of others a model fitted on the gold picks (qa/answers.ts).
import type { Day, Message, ThreadKind } from '../model/types.ts';
import type { TermsMatcher } from '../glossary/terms-matcher.ts';
import { announcesTalk } from '../threads/features.ts';
import { plainOf } from '../text/reading.ts';
import { asksToAsk, isAck, isQuestion } from '../text/signals.ts';
import { selectAnswers } from './answers.ts';
import { describedTitle, distinctiveMessage, openingLinkTitle, talkTitle, titleFrom } from './title.ts';


export interface QA {
  kind: ThreadKind;
  questionSeq: number | null;
  answerSeqs: number[];
}

const content = (s: string) => s.replace(/[^\p{L}\p{N}]/gu, '');
const said = (m: Message) => m.plain.replace(/\s+/g, ' ').trim();

function isSubstantive(m: Message, saidOf: (m: Message) => string = said): boolean {
  if (m.kind === 'system' || m.duplicateOf !== null) return false;
  if (m.kind === 'link' && m.links.length) return true;
  const t = saidOf(m);
  const c = content(t);
  return c.length >= 4 && !isAck(t);
}

export interface QAOptions {
  /** Answer-model weights (cross-validation passes its own); the committed ones when absent. */
  answerWeights?: Float64Array;
  /** The glossary and topic terms (the threads' compiled terms): answers on the subject name them. */
  terms?: TermsMatcher;
}

/**
 * The thread's question: the first question in its first speaker's opening run (their messages before anyone
 * else talks), skipping "请教个问题" when a real one follows. A guest talk is a talk, not a question; a thread
 * without a question is a discussion. Answers: see qa/answers.ts.
 */
export function findQA(day: Day, seqs: number[], opts: QAOptions = {}): QA {
  const msgs = seqs.map((s) => day.messages[s - 1]).filter((m): m is Message => !!m);
  const first = msgs[0];
  if (!first) return { kind: 'discussion', questionSeq: null, answerSeqs: [] };
  if (msgs.some((m) => announcesTalk(said(m).replace(/\s+/g, ''))) && msgs.length >= 10) return { kind: 'talk', questionSeq: null, answerSeqs: [] };
  const who = (m: Message) => m.speakerId || m.speaker;
  const asker = who(first);
  const run: Message[] = [];
  for (const m of msgs) { if (who(m) !== asker) break; run.push(m); }
  const questions = run.filter((m) => m.duplicateOf === null && isQuestion(said(m)));
  const real = questions.find((m) => !asksToAsk(plainOf(m.segments, { mentions: true }))) ?? questions[0];
  if (!real) return { kind: 'discussion', questionSeq: null, answerSeqs: [] };
  return { kind: 'qa', questionSeq: real.seq, answerSeqs: selectAnswers(day, seqs, real.seq, opts.answerWeights, opts.terms) };
}

/**
 * The thread's title: its question; a talk's announced subject; else the message that best names the thread's
 * distinctive words (qa/title.ts), else the first message with a usable title; never invented, never a sticker
 * or a greeting.
 */
export function threadTitle(day: Day, seqs: number[], qa: QA): string {
  const msgs = seqs.map((s) => day.messages[s - 1]).filter((m): m is Message => !!m);
  if (qa.questionSeq !== null) {
    const q = day.messages[qa.questionSeq - 1];
    const title = q ? titleFrom(q) : '';
    if (title) return title;
  }
  if (qa.kind === 'talk') { const title = talkTitle(msgs); if (title) return title; }
  const article = openingLinkTitle(msgs);
  if (article) return article;
  const best = distinctiveMessage(day, msgs) ?? msgs.find((m) => isSubstantive(m) && titleFrom(m)) ?? msgs.find((m) => titleFrom(m));
  return best ? titleFrom(best) : describedTitle(msgs);
}

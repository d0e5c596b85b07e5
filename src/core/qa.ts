// Questions and answers within a thread, and its title. A thread "opens with a question" when its first
// speaker's opening run (their first messages, before anyone else talks) asks something (qa/question.ts); the
// answers are the replies of others a model fitted on the gold picks (qa/answers.ts).
import type { Day, Message } from './types.ts';
import { announcesTalk, plainText, stripMentions } from './threads/features.ts';
import { asksToAsk, isQuestion } from './qa/question.ts';
import { selectAnswers } from './qa/answers.ts';

/** What a thread is: a question with its answers, a guest talk, or any other conversation. */
export type ThreadKind = 'qa' | 'talk' | 'discussion';

export interface QA {
  kind: ThreadKind;
  questionSeq: number | null;
  answerSeqs: number[];
}

const ACK = /^(?:签到|收到|谢谢|多谢|感谢|谢谢大家|学习了?|受教了?|围观|厉害了?|赞|好的|嗯+|哦+|恩+|对|是的|哈+|呵+|666+|牛|早|欢迎|好|ok|[.。…!！~～]+)[.。!！~～\s]*$/i;

const content = (s: string) => s.replace(/[^\p{L}\p{N}]/gu, '');
const said = (m: Message) => stripMentions(plainText(m), m.mentions).replace(/\s+/g, ' ').trim();

function isSubstantive(m: Message, saidOf: (m: Message) => string = said): boolean {
  if (m.kind === 'system' || m.duplicateOf !== null) return false;
  if (m.kind === 'link' && m.links.length) return true;
  const t = saidOf(m);
  const c = content(t);
  return c.length >= 4 && !ACK.test(t);
}

export interface QAOptions {
  /** Answer-model weights (cross-validation passes its own); the committed ones when absent. */
  answerWeights?: Float64Array;
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
  const real = questions.find((m) => !asksToAsk(plainText(m))) ?? questions[0];
  if (!real) return { kind: 'discussion', questionSeq: null, answerSeqs: [] };
  return { kind: 'qa', questionSeq: real.seq, answerSeqs: selectAnswers(day, seqs, real.seq, opts.answerWeights) };
}

const TITLE_MAX = 40;

/** Cleans a message into a title: no @mentions, emoji codes, greetings or "请教个问题" preambles. */
function titleFrom(m: Message): string {
  // Leading @mentions go; inner ones are part of the sentence ("今天请到@某某给大家做分享").
  let t = plainText(m).replace(/\s+/g, ' ').trim();
  while (t.startsWith('@')) { const rest = stripMentions(t.slice(0, 60), m.mentions).trim(); t = (rest + t.slice(60)).trim(); if (rest.startsWith('@')) break; }
  t = t.replace(/^(?:hello|hi|各位(?:大神|大佬|好|朋友)?|大家好|请问(?:一下|下)?|问一下|请教(?:一下|下)?)[，,：:！!、\s]*/i, '').trim();
  if ([...t].length <= TITLE_MAX) return t;
  // Cut at the last clause boundary that keeps the title short.
  const cut = [...t].slice(0, TITLE_MAX).join('');
  const at = Math.max(cut.lastIndexOf('，'), cut.lastIndexOf('。'), cut.lastIndexOf('？'), cut.lastIndexOf('?'), cut.lastIndexOf('，'));
  return at >= 12 ? cut.slice(0, at + 1).replace(/[，。,]$/, '') : cut + '…';
}

/** The thread's title: its question, else its first substantive message (a shared link's title); never invented. */
export function threadTitle(day: Day, seqs: number[], qa: QA): string {
  const msgs = seqs.map((s) => day.messages[s - 1]).filter(Boolean);
  if (qa.questionSeq !== null) {
    const title = titleFrom(day.messages[qa.questionSeq - 1]);
    if (title) return title;
  }
  const first = msgs.find((m) => isSubstantive(m)) ?? msgs.find((m) => titleFrom(m));
  if (first) return titleFrom(first);
  // Greetings and emoji-only threads: their own words, as written ("大家好", "[强]").
  const said = msgs.map((m) => m.text.replace(/\s+/g, ' ').trim()).find(Boolean);
  if (said) return [...said].length <= TITLE_MAX ? said : [...said].slice(0, TITLE_MAX).join('') + '…';
  // Nothing to quote (only images or empty messages): say what the thread holds and who posted it.
  const what = msgs.some((m) => m.images.length > 0) ? '图片' : msgs.some((m) => m.links.length > 0) ? '链接' : '空消息';
  return `[${what}] ${msgs[0]?.speaker || '匿名'}`;
}

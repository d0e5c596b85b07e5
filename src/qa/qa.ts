// Questions and answers within a thread. A thread "opens with a question" when its first speaker's opening
// run (their first messages, before anyone else talks) asks something; the answers are the other speakers'
// substantive messages (not 签到, [强], emoji, 谢谢, nor clarifying questions of their own).
import type { Day, Message } from '../model/types.ts';
import { plainText, stripMentions } from '../threads/features.ts';

export interface QA {
  questionSeq: number | null;
  answerSeqs: number[];
}

const QUESTION = /[?？]|吗|么\s*$|嘛\s*$|请问|请教|问一下|问个问题|问下|为什么|为啥|怎么|如何|是否|能否|有没有|什么|啥|哪|多少|求(?:助|推荐|分享)/;
/** Asking to ask: "请教个问题" carries no question of its own when the asker goes on. */
const ASK_TO_ASK = /^(?:各位|大家|群里)?[^，,。]{0,6}(?:请教|问)(?:个|一个|一下|下)?问题[。.!！~～]*$/;
const ACK = /^(?:签到|收到|谢谢|多谢|感谢|谢谢大家|学习了?|受教了?|围观|厉害了?|赞|好的|嗯+|哦+|恩+|对|是的|哈+|呵+|666+|牛|早|欢迎|好|ok|(?=([.。…!！~～]+))\1)[.。!！~～\s]*$/i;
/** Clarifying questions ("啥叫…?", "是哪个？") are part of the exchange, not answers. */
const CLARIFY = /^(?:啥|什么|怎么|为什么|为啥|是否|请问|哪)|[?？]\s*$/;
// `不是.*[吗么]` read in one pass: a line holding 不是 with 吗/么 somewhere after it.
const RHETORICAL_WORD = /不就|难道/;
function rhetorical(t: string): boolean {
  if (RHETORICAL_WORD.test(t)) return true;
  for (const line of t.split(/[\n\r\u2028\u2029]/)) {
    const i = line.indexOf('不是');
    if (i >= 0 && Math.max(line.lastIndexOf('吗'), line.lastIndexOf('么')) >= i + 2) return true;
  }
  return false;
}

const content = (s: string) => s.replace(/[^\p{L}\p{N}]/gu, '');
const said = (m: Message) => stripMentions(plainText(m), m.mentions).replace(/\s+/g, ' ').trim();

function isQuestion(m: Message, t = said(m)): boolean {
  return content(t).length >= 4 && QUESTION.test(t);
}

function isSubstantive(m: Message, saidOf: (m: Message) => string = said): boolean {
  if (m.kind === 'system' || m.duplicateOf !== null) return false;
  if (m.kind === 'link' && m.links.length) return true;
  const t = saidOf(m);
  const c = content(t);
  return c.length >= 4 && !ACK.test(t);
}

export function findQA(day: Day, seqs: number[]): QA {
  const msgs = seqs.map((s) => day.messages[s - 1]).filter(Boolean);
  if (msgs.length === 0) return { questionSeq: null, answerSeqs: [] };
  const asker = msgs[0]!.speakerId || msgs[0]!.speaker;
  // Each message's reading text, computed once even when several tests below read it.
  const cache = new Map<Message, string>();
  const saidOf = (m: Message) => { let t = cache.get(m); if (t === undefined) { t = said(m); cache.set(m, t); } return t; };
  const who = (m: Message) => m.speakerId || m.speaker;
  // The opening run: the first speaker's messages before anyone else speaks.
  const run: Message[] = [];
  for (const m of msgs) { if (who(m!) !== asker) break; run.push(m!); }
  const questions = run.filter((m) => isQuestion(m, saidOf(m)));
  const real = questions.find((m) => !ASK_TO_ASK.test(content(plainText(m)))) ?? questions[0];
  if (!real) return { questionSeq: null, answerSeqs: [] };
  const answerSeqs = msgs
    .filter((m) => m!.seq > real.seq && who(m!) !== asker && isSubstantive(m!, saidOf))
    .filter((m) => { const t = saidOf(m!); return !CLARIFY.test(t) || rhetorical(t); })
    .map((m) => m!.seq);
  return { questionSeq: real.seq, answerSeqs };
}

const TITLE_MAX = 40;

/** Cleans a message into a title: no @mentions, emoji codes, greetings or "请教个问题" preambles. */
function titleFrom(m: Message): string {
  // Leading @mentions go; inner ones are part of the sentence ("今天请到@某某给大家做分享").
  // Done as head + an offset into the text, not by rebuilding the whole text per 60 characters (quadratic
  // for a message of thousands of leading mentions); the same result as t = (rest + t.slice(60)).trim().
  const all = plainText(m).replace(/\s+/g, ' ').trim();
  let head = '';
  let p = 0;
  while ((head ? head[0] : all[p]) === '@') {
    const window = (head + all.slice(p, p + 60)).slice(0, 60);
    p = Math.min(all.length, p + Math.max(0, 60 - head.length));
    head = stripMentions(window, m.mentions).trim();
    if (!head) while (p < all.length && /\s/.test(all[p]!)) p++;
    if (head.startsWith('@')) break;
  }
  let t = head + all.slice(p);
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
    const title = titleFrom(day.messages[qa.questionSeq - 1]!);
    if (title) return title;
  }
  const first = msgs.find((m) => isSubstantive(m!)) ?? msgs.find((m) => titleFrom(m!));
  if (first) return titleFrom(first);
  // Greetings and emoji-only threads: their own words, as written ("大家好", "[强]").
  const said = msgs.map((m) => m!.text.replace(/\s+/g, ' ').trim()).find(Boolean);
  if (said) return [...said].length <= TITLE_MAX ? said : [...said].slice(0, TITLE_MAX).join('') + '…';
  // Nothing to quote (only images or empty messages): say what the thread holds and who posted it.
  const what = msgs.some((m) => m!.images.length > 0) ? '图片' : msgs.some((m) => m!.links.length > 0) ? '链接' : '空消息';
  return `[${what}] ${msgs[0]?.speaker || '匿名'}`;
}

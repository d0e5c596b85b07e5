// Which replies answer a thread's question: a logistic model over per-message features (who replies, how soon,
// how much they say, whether they name the question's words, react, joke, ask back or say "not sure"). Weights
// are fitted on the gold days' `answers` (scripts/fit-threads.ts -> answer-weights.json). Pure.
import type { Day, Message } from '../model/types.ts';
import type { TermsMatcher } from '../glossary/terms-matcher.ts';
import { ASKS_FIRST, RHETORICAL_TURN, isAck, withoutLostEmoji } from '../text/signals.ts';
import fitted from './answer-weights.json' with { type: 'json' };

export const ANSWER_FEATURES = [
  'bias', 'substantive', 'lengthLog', 'linkOrImage', 'asksBack', 'mentionsAsker', 'afterAsker', 'positionLog',
  'minutesLog', 'questionWords', 'firstByThisSpeaker', 'answerersBefore', 'ack', 'joke', 'notSure', 'quotesAsker',
  'askerRespondsNext', 'sticker', 'mentionsOther', 'repliesToOther', 'continuesOwnReply', 'speakersLog', 'speakerShare',
  'domainTerms', 'threadTerms',
] as const;

/** Asks back: opens with a question word, or ends (spaces aside) with ?/吗/么/呢. Checked without a regex tail scan. */
function asksBack(t: string): boolean {
  if (ASKS_FIRST.test(t)) return true;
  const end = withoutLostEmoji(t).trimEnd();
  const last = end.at(-1);
  if (last === '?' || last === '？') return true;
  return last === '吗' || last === '么' || last === '呢';
}
const JOKE = /哈哈|呵呵|\[(?:捂脸|偷笑|坏笑|奸笑|呲牙|破涕为笑|笑哭|旺柴|机智)\]|😂|🤣/;
const NOT_SURE = /不清楚|不知道|不太了解|不了解|没用过|没做过|没接触|不太清楚|不懂|我也想知道|同问|坐等/;
const STICKER_ONLY = /^\s*(?:\[[^\[\]\s]{1,8}\]\s*)+$/;

const said = (m: Message) => m.plain.replace(/\s+/g, ' ').trim();
const content = (s: string) => s.replace(/[^\p{L}\p{N}]/gu, '');
const who = (m: Message) => m.speakerId || m.speaker;

function bigrams(s: string): Set<string> {
  const out = new Set<string>();
  const c = content(s).toLowerCase();
  for (let i = 0; i + 1 < c.length; i++) out.add(c.slice(i, i + 2));
  return out;
}

/**
 * Feature vectors of the candidate answers: messages by others after the question, in thread order, that can be
 * answers at all: saying something (or showing an image or a link) and not asking back. Acknowledgements,
 * stickers and clarifying questions are never answers, whatever the model would say.
 */
export function answerCandidates(day: Day, seqs: number[], questionSeq: number, terms?: TermsMatcher): { seq: number; x: Float64Array }[] {
  const msgs = seqs.map((s) => day.messages[s - 1]).filter((m): m is Message => !!m);
  const qi = msgs.findIndex((m) => m.seq === questionSeq);
  const q = msgs[qi];
  if (!q) return [];
  const asker = who(q);
  // The question's words: the question and the asker's messages right around it.
  let qText = said(q);
  for (let j = qi + 1; j < msgs.length && who(msgs[j] as Message) === asker; j++) qText += ' ' + said(msgs[j] as Message);
  const qWords = bigrams(qText);
  const seen = new Set<string>();
  const out: { seq: number; x: Float64Array }[] = [];
  // Who talks after the question: one expert's run of messages answers; a crowd of voices discusses.
  const after = msgs.slice(qi + 1).filter((m) => who(m) !== asker && m.duplicateOf === null);
  const byWho = new Map<string, number>();
  for (const m of after) byWho.set(who(m), (byWho.get(who(m)) ?? 0) + 1);
  // The trade's terms the thread names (two messages or more): a reply that uses them stays on the thread's subject.
  const termDf = new Map<number, number>();
  if (terms) for (const m of msgs) for (const p of terms.present(said(m).toLowerCase())) termDf.set(p, (termDf.get(p) ?? 0) + 1);
  const t0 = q.seconds;
  for (let j = qi + 1; j < msgs.length; j++) {
    const m = msgs[j] as Message;
    const w = who(m);
    if (w === asker || m.kind === 'system' || m.duplicateOf !== null) continue;
    const t = said(m);
    const c = content(t);
    const prev = msgs[j - 1];
    const next = msgs[j + 1];
    const words = bigrams(t);
    let shared = 0;
    for (const b of words) if (qWords.has(b)) shared++;
    const mentioned = m.mentionIds;
    const x = new Float64Array(ANSWER_FEATURES.length);
    let k = 0;
    x[k++] = 1;
    x[k++] = c.length >= 4 && !isAck(t) ? 1 : 0;
    x[k++] = Math.log1p(c.length) / 4;
    x[k++] = m.images.length > 0 || m.links.length > 0 ? 1 : 0;
    x[k++] = asksBack(t) && !RHETORICAL_TURN.test(t) ? 1 : 0;
    x[k++] = mentioned.some((n) => n === asker || n === q.speaker) ? 1 : 0;
    x[k++] = prev && who(prev) === asker ? 1 : 0;
    x[k++] = Math.log1p(j - qi) / 3;
    x[k++] = Math.log1p(Math.max(0, m.seconds - t0) / 60) / 3;
    x[k++] = words.size ? Math.min(1, shared / Math.min(words.size, qWords.size || 1)) : 0;
    x[k++] = seen.has(w) ? 0 : 1;
    x[k++] = Math.log1p(seen.size) / 2;
    x[k++] = isAck(t) ? 1 : 0;
    x[k++] = JOKE.test(m.text) ? 1 : 0;
    x[k++] = NOT_SURE.test(t) ? 1 : 0;
    x[k++] = m.quote && m.quote.author && (m.quote.author === q.speaker || q.speaker.startsWith(m.quote.author)) ? 1 : 0;
    x[k++] = next && who(next) === asker ? 1 : 0;
    x[k++] = STICKER_ONLY.test(m.text) || (c.length === 0 && m.images.length === 0 && m.links.length === 0) ? 1 : 0;
    x[k++] = mentioned.length > 0 && !mentioned.some((n) => n === asker || n === q.speaker) ? 1 : 0;
    x[k++] = prev && who(prev) !== asker && who(prev) !== w && m.seconds - prev.seconds < 120 ? 1 : 0;
    x[k++] = prev && prev !== q && who(prev) === w ? 1 : 0;
    x[k++] = Math.log1p(byWho.size) / 2;
    x[k++] = after.length ? (byWho.get(w) ?? 0) / after.length : 0;
    // The trade's words (glossary and topic terms: 补偿, 行锁, 分账 …): a reply on the subject names them, banter not.
    const named = terms ? terms.present(t.toLowerCase()) : [];
    x[k++] = Math.log1p(named.length);
    x[k++] = Math.log1p(named.filter((p) => (termDf.get(p) ?? 0) >= 2).length);
    seen.add(w);
    const eligible = (x[1] === 1 || x[3] === 1) && x[4] === 0 && x[17] === 0;
    if (eligible) out.push({ seq: m.seq, x });
  }
  return out;
}

export interface AnswerWeights {
  features: string[];
  weights: number[];
}

export function answerWeights(w: AnswerWeights = fitted as AnswerWeights): Float64Array {
  const at = new Map(w.features.map((n, k) => [n, w.weights[k] ?? 0]));
  return Float64Array.from(ANSWER_FEATURES, (n) => at.get(n) ?? 0);
}

let committed: Float64Array | null = null;

/** The answers to the question: candidates the model gives a probability of at least one half. */
export function selectAnswers(day: Day, seqs: number[], questionSeq: number, weights?: Float64Array, terms?: TermsMatcher): number[] {
  const w = weights ?? (committed ??= answerWeights());
  return answerCandidates(day, seqs, questionSeq, terms)
    .filter(({ x }) => x.reduce((s, v, k) => s + v * (w[k] ?? 0), 0) >= 0)
    .map((c) => c.seq);
}

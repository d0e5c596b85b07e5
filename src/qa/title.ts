// Titles a member can read in a list. A question thread is titled by its question; a talk by its announced
// subject; any other thread by the message that best carries the thread's distinctive words (bigrams frequent
// in the thread and rare in the rest of the day), cleaned of @mentions, greetings and preambles. Never a
// sticker, "????" or a greeting: a thread with nothing else says what it holds and who posted it. Pure.
import type { Day, Message, Segment } from '../model/types.ts';
import { plainOf } from '../text/reading.ts';
import { speakerLabel } from '../model/labels.ts';
import { GREETING, isAck } from '../text/signals.ts';

export const TITLE_MAX = 40;

/** "请教个账务相关的问题，…", "问个事，…", "咨询下，…": announces the question that follows. */
const PREAMBLE = /^(?:请教|请问|问|咨询)(?:一下|下)?(?:大家|各位)?(?:(?:一?个|一下)(?:[^，,。？?\s]{0,6}问题|事)?)?[，,：:。！!\s]*/;
const letters = (s: string) => s.replace(/[^\p{L}\p{N}]/gu, '');

/** Cleans a message into a title: no @mentions, emoji codes, greetings or "请教个问题" preambles; '' if nothing is left. */
export function titleFrom(m: Message): string {
  // Leading @mentions go; inner ones are part of the sentence ("今天请到@某某给大家做分享").
  let t = plainOf(withoutLeadingMentions(m.segments), { mentions: true }).replace(/\s+/g, ' ').trim();
  for (let k = 0; k < 3; k++) { const next = t.replace(GREETING, '').trim().replace(PREAMBLE, '').trim(); if (next === t) break; t = next; }
  if (letters(t).length < 4 || isAck(letters(t))) return '';
  return shorten(t);
}

/** The segments after the mentions a message opens with (and what has no words between them: spaces, emoji, URLs). */
function withoutLeadingMentions(segments: readonly Segment[]): readonly Segment[] {
  let k = 0;
  while (k < segments.length && (segments[k]!.type === 'mention' || plainOf([segments[k]!]).trim() === '')) k++;
  return k ? segments.slice(k) : segments;
}

function shorten(t: string): string {
  if ([...t].length <= TITLE_MAX) return t;
  // Cut at the last clause boundary that keeps the title short.
  const cut = [...t].slice(0, TITLE_MAX).join('');
  const at = Math.max(cut.lastIndexOf('，'), cut.lastIndexOf('。'), cut.lastIndexOf('？'), cut.lastIndexOf('?'), cut.lastIndexOf('；'), cut.lastIndexOf('！'));
  return at >= 12 ? cut.slice(0, at + 1).replace(/[，。,；]$/, '') : cut + '…';
}

const TALK_SUBJECT = /主题(?:是|为)?[：:\s]*[“"「《【]([^”"」》】]{2,30})[”"」》】]/;

/** A talk's title: the announced subject, as the announcement writes it. */
export function talkTitle(msgs: Message[]): string {
  for (const m of msgs) {
    const s = TALK_SUBJECT.exec(plainOf(m.segments, { mentions: true }));
    if (s?.[1]) return `分享：${s[1].trim()}`;
  }
  return '';
}

/** Per day: in how many messages each bigram occurs (cached: a day's threads share it). */
const dayDf = new WeakMap<Day, { df: Map<string, number>; n: number }>();

function bigramsOf(m: Message): Set<string> {
  const c = letters(m.plain).toLowerCase();
  const out = new Set<string>();
  for (let i = 0; i + 1 < c.length; i++) out.add(c.slice(i, i + 2));
  return out;
}

function dfOf(day: Day): { df: Map<string, number>; n: number } {
  let hit = dayDf.get(day);
  if (!hit) {
    const df = new Map<string, number>();
    for (const m of day.messages) for (const b of bigramsOf(m)) df.set(b, (df.get(b) ?? 0) + 1);
    hit = { df, n: day.messages.length };
    dayDf.set(day, hit);
  }
  return hit;
}

/**
 * The message that best names the thread's subject: each candidate (a message with a usable title) scores the
 * summed distinctiveness of its bigrams (frequency in the thread x rarity in the day), over the square root of
 * its length so a wall of text does not win by size. Earlier messages win ties (the opening usually names it).
 */
export function distinctiveMessage(day: Day, msgs: Message[]): Message | null {
  if (msgs.length === 0) return null;
  const { df, n } = dfOf(day);
  const tf = new Map<string, number>();
  const grams = msgs.map(bigramsOf);
  for (const g of grams) for (const b of g) tf.set(b, (tf.get(b) ?? 0) + 1);
  let best: Message | null = null;
  let bestScore = 0;
  msgs.forEach((m, i) => {
    if (!titleFrom(m)) return;
    const g = grams[i] ?? new Set<string>();
    let s = 0;
    // Only words the thread repeats say what it is about; a bigram seen once is this message's own.
    for (const b of g) { const f = tf.get(b) ?? 0; if (f >= 2) s += (f - 1) * Math.log(n / (df.get(b) ?? 1)); }
    s = s / Math.sqrt(Math.max(8, g.size)) - i * 1e-6;
    if (s > bestScore) { bestScore = s; best = m; }
  });
  return best;
}

/** A thread that opens with a shared article is about the article: its title, when it has a usable one. */
export function openingLinkTitle(msgs: Message[]): string {
  const link = msgs[0]?.links.find((l) => letters(l.title.replace(/(?:https?|ftp):\/\/\S+/gi, '')).length >= 4);
  return link ? shorten(link.title.replace(/\s+/g, ' ').trim()) : '';
}

/** What a thread with no words holds and who posted it: "[图片] 张三", "[表情] 李四". */
export function describedTitle(msgs: Message[]): string {
  const what = msgs.some((m) => m.images.length > 0) ? '图片'
    : msgs.some((m) => m.links.length > 0) ? '链接'
    : msgs.some((m) => m.emojis.length > 0 || /\[[^\[\]\s]{1,8}\]/.test(m.text)) ? '表情'
    : msgs.some((m) => letters(m.text).length > 0) ? '寒暄'
    : '空消息';
  return `[${what}] ${speakerLabel(msgs[0]?.speaker)}`;
}

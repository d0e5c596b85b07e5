// Per-message features the disentangler scores with. Pure; computed once per day, linear in its size.
import type { Day, Message } from '../model/types.ts';
import { TermsMatcher } from '../glossary/terms-matcher.ts';
import { echoKey, mentionsEveryone, plainOf } from '../text/reading.ts';
import { hasLatinLetter, isCjkCode, latinWords } from '../text/tokenize.ts';
import { ADDRESSES_ROOM, CHANGES_SUBJECT, CONTINUES, CONVERSATIONAL, OPENER, RESUMES, SECOND_PERSON, asks, isAck } from '../text/signals.ts';

export interface Features {
  seq: number;
  /** Seconds since midnight. */
  t: number;
  /** Speaker key: speakerId when the speaker stage ran, else the display name. */
  who: string;
  /** Reading text without links' URLs, images and emoji codes. */
  plain: string;
  /** The message's emoji codes ("[鼓掌][强]"): a reaction says something even when the text is empty. */
  stickers: string;
  /**
   * Unique lexical tokens, in order of first occurrence: CJK bigrams, lower-cased Latin words, then `#term`
   * for glossary/topic terms in list order. As ids into the day's vocabulary (DayFeatures.vocabulary).
   */
  tokenIds: number[];
  /** Speaker keys this message @mentions (resolved on the day). */
  mentions: string[];
  /** @all / @所有人: addresses everyone, not a person. */
  mentionsAll: boolean;
  question: boolean;
  /** Opens a new conversation: a question or request addressed to the group ("请问", "大家", "有没有"...). */
  opener: boolean;
  /** No content of its own: 签到, [强], emoji, 谢谢, 666, 哈哈... */
  ack: boolean;
  /** Says it continues an earlier conversation ("补充一下", "刚才", "回到...")  */
  resumes: boolean;
  /** Starts like a continuation of the speaker's own previous message ("那么问题是", "还有", "另外"). */
  continues: boolean;
  /** Starts by addressing the previous speaker in the second person ("你这…", "你说的…"). */
  addressesPrevious: boolean;
  /** Reads like a headline or a notice: some length, no question, no @mention, no pronoun or modal particle. */
  headline: boolean;
  /** Speaks to the whole room (大家, 各位, 群友…). */
  addressesRoom: boolean;
  /** Says it turns to another subject ("顺便说下", "插一句", "打个广告"). */
  changesSubject: boolean;
  /** Announces a guest talk (分享 + 嘉宾/主题/开始时间/今天请到/今天是我分享). */
  announce: boolean;
  /** Closes a talk ("感谢大家...分享", "分享完毕", "谢谢大家"). */
  closesTalk: boolean;
  /** Speaker key named as the guest, when this message announces a talk. */
  guests: string[];
  /** seq of the earlier message this one repeats (exporter duplicate or a member echoing it), or null. */
  echoOf: number | null;
  /** Later members repeat this message word for word (a relay: a red-packet password, a greeting chain). */
  echoed: boolean;
  /** seq of the message a quoted reply refers to, or null. */
  quoteOf: number | null;
  kind: Message['kind'];
}


const ANNOUNCE_A = /分享/;
const ANNOUNCE_B = /嘉宾|主题|开始时间|今天请到|今天是我|今晚|给大家做|欢迎/;
const CLOSES = /(?:感谢|谢谢)(?:大家|各位).{0,12}(?:分享|看完|收听|耐心)|分享(?:完毕|结束|到此)|今天的分享就到/;

// Function-word bigrams that say nothing about what a conversation is about.
export const STOP = new Set(
  ('大家 各位 请问 请教 问下 一下 有没 没有 什么 怎么 这个 那个 就是 不是 可以 我们 你们 他们 是不 不会 现在 的话 还是 一个 '
    + '问题 这样 那样 这种 那种 还有 其实 因为 所以 但是 如果 已经 知道 觉得 感觉 应该 这么 那么 多少 为啥 为什 的是 了吗 '
    + '是的 对的 好的 有人 谢谢 感谢 哈哈 一般 比如 时候 需要 自己 一样 有点 直接 是什 么的 是个 个问 '
    + '你这 你们 说的 这是 那是 我们 我的 你的').split(' '),
);

/** The thread terms as compared (trimmed, lower-cased, unique, 2+ characters) and their matcher. */
export interface ThreadTerms {
  terms: string[];
  matcher: TermsMatcher;
}

/** Compiles a term list once, so each day (and each message) does not rescan every term. */
export function compileThreadTerms(raw: string[]): ThreadTerms {
  const terms = [...new Set(raw.map((t) => t.trim().toLowerCase()).filter((t) => t.length >= 2))];
  return { terms, matcher: new TermsMatcher(terms) };
}

/** CJK bigrams, Latin words and known terms of a text (unique). */
export function tokensOf(plain: string, terms: string[]): string[] {
  const vocab = new Vocabulary();
  return tokenIds(plain, new TermsMatcher(terms.map((t) => (t.length >= 2 ? t : ''))), vocab).map((id) => vocab.names[id]!);
}

/**
 * A day's token dictionary: each distinct token gets a small integer in order of first use, so the scorer
 * compares integers, not strings, and counts document frequencies as it goes. CJK bigrams (most tokens)
 * are looked up by their two code units in an open-addressing table, without making a string per use.
 */
export class Vocabulary {
  private readonly idOf = new Map<string, number>();
  /** Bigram table: key (c1 << 16 | c2, never 0 for CJK) -> id, or -1 for a stop bigram. */
  // Sized for a typical day's few thousand bigrams, so a day rarely grows it.
  private keys = new Int32Array(8192);
  private vals = new Int32Array(8192);
  private filled = 0;
  readonly names: string[] = [];
  /** Per token: number of messages using it. */
  readonly df: number[] = [];
  /** Per token: the message that last used it (dedups a message's tokens without a Set per message). */
  private readonly lastUse: number[] = [];
  private message = 0;

  constructor() {
    for (const key of STOP_KEYS) this.setBigram(key, -1);
  }

  /** Starts the next message's tokens. */
  next(): void { this.message++; }

  /** Adds a (non-bigram) token to the current message's list unless already there. */
  add(tok: string, out: number[]): void {
    let id = this.idOf.get(tok);
    if (id === undefined) { id = this.create(tok); this.idOf.set(tok, id); }
    this.use(id, out);
  }

  /** Adds the CJK bigram c1 c2 unless it is a stop bigram or already there. */
  addBigram(c1: number, c2: number, out: number[]): void {
    const key = (c1 << 16) | c2;
    const mask = this.keys.length - 1;
    let h = Math.imul(key, 0x9e3779b1) >>> 0 & mask;
    while (this.keys[h] !== 0) {
      if (this.keys[h] === key) { const id = this.vals[h]; if (id! >= 0) this.use(id!, out); return; }
      h = (h + 1) & mask;
    }
    const id = this.create(String.fromCharCode(c1, c2));
    this.setBigram(key, id);
    this.use(id, out);
  }

  private create(tok: string): number {
    const id = this.names.length;
    this.names.push(tok);
    this.df.push(0);
    this.lastUse.push(0);
    return id;
  }

  private use(id: number, out: number[]): void {
    if (this.lastUse[id] === this.message) return;
    this.lastUse[id] = this.message;
    this.df[id]!++;
    out.push(id);
  }

  private setBigram(key: number, id: number): void {
    if ((this.filled + 1) * 2 > this.keys.length) this.grow();
    const mask = this.keys.length - 1;
    let h = Math.imul(key, 0x9e3779b1) >>> 0 & mask;
    while (this.keys[h] !== 0 && this.keys[h] !== key) h = (h + 1) & mask;
    if (this.keys[h] === 0) this.filled++;
    this.keys[h] = key;
    this.vals[h] = id;
  }

  private grow(): void {
    const { keys, vals } = this;
    this.keys = new Int32Array(keys.length * 2);
    this.vals = new Int32Array(keys.length * 2);
    this.filled = 0;
    for (let k = 0; k < keys.length; k++) if (keys[k] !== 0) this.setBigram(keys[k]!, vals[k]!);
  }
}

const STOP_KEYS = [...STOP].map((b) => (b.charCodeAt(0) << 16) | b.charCodeAt(1));

function tokenIds(plain: string, matcher: TermsMatcher, vocab: Vocabulary): number[] {
  const out: number[] = [];
  vocab.next();
  const lower = plain.toLowerCase();
  // Bigrams of CJK runs, in order: every two adjacent CJK characters (a one-character run has none).
  let prevCJK = false;
  for (let i = 0; i < lower.length; i++) {
    const c = lower.charCodeAt(i);
    const cjk = isCjkCode(c);
    if (cjk && prevCJK) vocab.addBigram(lower.charCodeAt(i - 1), c, out);
    prevCJK = cjk;
  }
  for (const w of latinWords(lower)) if (w.length >= 2 && hasLatinLetter(w)) vocab.add(w, out);
  // Terms in list order, as the per-term scan added them (token order feeds floating-point sums).
  for (const k of matcher.present(lower)) vocab.add('#' + matcher.patterns[k], out);
  return out;
}


/** A day's features and the vocabulary their token ids index. */
export interface DayFeatures {
  features: Features[];
  vocabulary: Vocabulary;
}

export function dayFeatures(day: Day, opts: { terms: string[]; compiled?: ThreadTerms }): DayFeatures {
  const { matcher } = opts.compiled ?? compileThreadTerms(opts.terms);
  // Whom each message mentions: resolved once by the speaker stage (src/speakers/mentions.ts), each person once.
  const mentions = day.messages.map((m) => [...new Set(m.mentionIds.filter((k): k is string => k !== null))]);
  const lastByText = new Map<string, number>();
  const vocabulary = new Vocabulary();
  // echoKey(words with mentions) of earlier messages, computed once each when quoted replies look back for their
  // original (a quote keeps the original's mentions).
  const quotable: (string | undefined)[] = [];
  const features = day.messages.map((m, i): Features => {
    const plain = m.plain;
    const bare = plain.replace(/\s+/g, '');
    const content = bare.replace(/[^\p{L}\p{N}]/gu, '');
    const question = asks(bare);
    const ack = content.length === 0 || isAck(bare) || (content.length <= 2 && !question);
    const who = m.speakerId || m.speaker;
    const key = echoKey(plain);
    let echoOf: number | null = m.duplicateOf ?? null;
    // A repeated message with content (a member echoing a line, or the exporter writing it twice) follows
    // its original; short acks repeat by chance and are left to the other signals.
    if (echoOf === null && key.length >= 5 && !ack && lastByText.has(key)) echoOf = lastByText.get(key)!;
    if (key.length >= 5 && !lastByText.has(key)) lastByText.set(key, m.seq);
    let quoteOf: number | null = null;
    if (m.quote) {
      const q = echoKey(m.quote.text).slice(0, 12);
      for (let j = i - 1; j >= 0 && quoteOf === null; j--) {
        const o = day.messages[j];
        if (q && (quotable[j] ??= echoKey(plainOf(o!.segments, { mentions: true }))).includes(q)) quoteOf = o!.seq;
      }
    }
    const announce = ANNOUNCE_A.test(bare) && ANNOUNCE_B.test(bare) && bare.length >= 12;
    const guests = announce ? (mentions[i]!.length ? mentions[i] : /今天是我|我来分享|我分享/.test(bare) ? [who] : []) : [];
    return {
      seq: m.seq,
      t: m.seconds,
      who,
      plain,
      stickers: m.emojis.join(' '),
      tokenIds: ack ? [] : tokenIds(plain, matcher, vocabulary),
      mentions: mentions[i]!.filter((k) => k !== who),
      mentionsAll: mentionsEveryone(m.mentions),
      question,
      opener: question && OPENER.test(bare) || mentionsEveryone(m.mentions),
      ack,
      resumes: RESUMES.test(bare),
      continues: CONTINUES.test(bare),
      addressesPrevious: SECOND_PERSON.test(bare),
      headline: !question && content.length >= 8 && mentions[i]!.length === 0 && !CONVERSATIONAL.test(bare),
      addressesRoom: ADDRESSES_ROOM.test(bare),
      changesSubject: CHANGES_SUBJECT.test(bare),
      announce,
      closesTalk: CLOSES.test(bare),
      guests: guests!,
      echoOf,
      echoed: false,
      quoteOf,
      kind: m.kind,
    };
  });
  // Relays: a member (not the exporter writing a message twice) repeating an earlier message.
  features.forEach((f, i) => {
    if (f.echoOf !== null && day.messages[i]!.duplicateOf == null) { const o = features[f.echoOf - 1]; if (o && o.who !== f.who) o.echoed = true; }
  });
  return { features, vocabulary };
}

/** Announces a guest talk (the `announce` feature), for readers outside the disentangler. */
export function announcesTalk(bare: string): boolean {
  return ANNOUNCE_A.test(bare) && ANNOUNCE_B.test(bare) && bare.length >= 12;
}


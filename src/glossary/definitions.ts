// Definitions found in the chat: messages that define or explain a glossary term, ranked.
// Members define terms in a few recurring shapes — `X：…`, `X是…`, `X指的是…`, `所谓X…` — and by answering a
// question such as `啥叫X` / `X是什么`. Each shape gets a weight; answers to a question about the term get a bonus,
// questions themselves are never definitions.
import { termWords } from './glossary.ts';
import { dayRef } from '../model/ids.ts';
import type { Day, Message, Term } from '../model/types.ts';

export type DefinitionPattern = 'colon' | 'refers-to' | 'is' | 'so-called' | 'answer';

export interface Definition {
  messageId: string;
  day: string;
  seq: number;
  time: string;
  speaker: string;
  /** The defining part of the message (from the term to the end of its sentence), or the answer itself. */
  snippet: string;
  pattern: DefinitionPattern;
  score: number;
  /** Id of the question this message answers, when it does. */
  answers: string | null;
  /** A link or an advertisement is the substance (see spamLikeness): ranked below every real explanation. */
  spamLike: boolean;
}

// Spam-like candidates: the pattern matched (`分录流水：就是把钱转到 http://…`) but what follows is a link to
// go to or an offer to contact someone, not an explanation. Advertisement wording seen in such groups:
// contact handles, QR codes, agency and fee offers.
const URL_RE = /(?:https?:\/\/|www\.)[^\s\u3000，。；！？、）)】」]+/gi;
const AD_RE = /加(?:我)?(?:微信|v信|vx|q|qq)|微信号|vx[:：]|扫码|二维码|联系(?:电话|方式|我)|私聊|代理|招商|加盟|返佣|优惠|低价|免费(?:领|送|试)|办理|出售|包过|秒到|费率低至|点击(?:链接|下方)/gi;
/** Characters of explanation needed once links and the term itself are taken out. */
const MIN_SUBSTANCE = 8;
/** At or above this, a candidate counts as spam-like. */
export const SPAM_LIKE = 0.5;

/**
 * How much a candidate definition looks like a link drop or an advertisement, 0 (a real explanation) to 1.
 * Pure: the text of the candidate and the words of the term. Links that leave less than MIN_SUBSTANCE characters
 * of explanation count fully; a link longer than the rest of the text counts a quarter (a reference beside a real
 * explanation is fine); each advertisement phrase half.
 */
export function spamLikeness(text: string, words: readonly string[]): number {
  const urls = text.match(URL_RE) ?? [];
  const withoutUrls = text.replace(URL_RE, ' ');
  const substance = [...words].sort((a, b) => b.length - a.length)
    .reduce((t, w) => t.split(w).join(''), withoutUrls)
    .replace(URL_RE, '')
    .replace(/[\s\p{P}\p{S}]/gu, '').length;
  let score = 0;
  if (urls.length > 0 && substance < MIN_SUBSTANCE) score += 1;
  else if (urls.length > 0 && urls.join('').length * 2 > text.replace(/\s/g, '').length) score += 0.25;
  score += 0.5 * (text.match(AD_RE)?.length ?? 0);
  return Math.min(1, score);
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// A question about the word right after it: 是什么 / 是啥 / 是指什么 / 的概念是啥 / 是不是.
const ASKS_AFTER = /^\s*(?:是|指|的概念|这个概念)?(?:是)?(?:什么|啥|指什么|指啥|不是|怎么)/;
const ASKS_BEFORE = /(?:啥叫|什么叫|什么是|啥是|何为|请问|问一下)\s*$/;
// A sentence ends at punctuation, a wide gap, or where the next `Y：` definition of a list starts.
const SENTENCE_END = /[。！？!?\n]|\s{2,}|\s(?=[^\s：:]{1,8}\s*[：:])/;
// A definition starts the sentence: `X是…` after 个/的/银行 (…5 个睡眠周期是最理想的) is not about X.
const STARTS = /(?:^|[\s，。；！？,.;!?：:、（(“"'「]|所谓|另外|其实|但是|所以|而|觉得|认为|理解)$/;
const ANSWER_WINDOW = 15;

function sentenceFrom(text: string, start: number, from = start + 1, max = 140): string {
  const rest = text.slice(start);
  const skip = Math.max(1, from - start);
  const m = SENTENCE_END.exec(rest.slice(skip));
  const end = m ? m.index + skip : rest.length;
  const s = rest.slice(0, Math.min(end, max)).trim();
  return end > max ? `${s}…` : s;
}

/** Is this message a question about one of the words? */
export function asksAbout(text: string, words: string[]): boolean {
  const lower = text.toLowerCase();
  return words.some((w) => {
    const wl = w.toLowerCase();
    for (let i = lower.indexOf(wl); i >= 0; i = lower.indexOf(wl, i + 1)) {
      if (ASKS_BEFORE.test(lower.slice(Math.max(0, i - 6), i)) || ASKS_AFTER.test(lower.slice(i + wl.length, i + wl.length + 8))) return true;
    }
    return false;
  });
}

/** Pattern matches of one message for the words; the best one wins. */
interface PatternHit {
  pattern: DefinitionPattern;
  weight: number;
  /** Where the snippet starts, and where its content starts (after `X：`). */
  at: number;
  body: number;
}

function matchPatterns(text: string, words: string[]): PatternHit | null {
  let best: PatternHit | null = null;
  const consider = (pattern: DefinitionPattern, weight: number, at: number, body: number) => {
    if (!best || weight > best.weight) best = { pattern, weight, at, body };
  };
  for (const w of words) {
    for (const [pattern, weight, re] of patternsOf(w)) {
      const m = re.exec(text);
      if (!m) continue;
      if (pattern !== 'so-called' && !STARTS.test(text.slice(Math.max(0, m.index - 4), m.index))) continue;
      const after = text.slice(m.index + m[0].length).trim();
      if (after.length < 2) continue; // "这个是分录流水了？" style endings carry no content
      const body = m.index + m[0].length + (text.slice(m.index + m[0].length).length - text.slice(m.index + m[0].length).trimStart().length);
      consider(pattern, weight, m.index, body);
    }
  }
  return best;
}

// Compiled once per word: matchPatterns runs for every message that names a term.
const compiledPatterns = new Map<string, [DefinitionPattern, number, RegExp][]>();

function patternsOf(w: string): [DefinitionPattern, number, RegExp][] {
  let tests = compiledPatterns.get(w);
  if (!tests) {
    const e = esc(w);
    tests = [
      ['refers-to', 3.2, new RegExp(`${e}\\s*(?:指的是|是指|指的|就是指)`, 'i')],
      ['colon', 3, new RegExp(`${e}\\s*[：:]\\s*(?![?？]|$)`, 'i')],
      ['so-called', 2.6, new RegExp(`所谓(?:的)?\\s*${e}`, 'i')],
      ['is', 2.2, new RegExp(`${e}\\s*[，,]?\\s*(?:本质上说是|本质上是|本身就是|就是|只是|用来|用于|是)(?!不|什么|啥|否|吗)`, 'i')],
    ];
    compiledPatterns.set(w, tests);
  }
  return tests;
}

/** Best first: every real explanation before any spam-like one, then by score, then by id (stable). */
export function byRank(a: Definition, b: Definition): number {
  return Number(a.spamLike) - Number(b.spamLike) || b.score - a.score || a.messageId.localeCompare(b.messageId);
}

/** The order a page lists chosen definitions in: real explanations by time, then spam-like ones by time. */
export function inReadingOrder(defs: readonly Definition[]): Definition[] {
  const when = (d: Definition) => `${dayRef(d.day).date} ${d.time}`;
  return [...defs].sort((a, b) => Number(a.spamLike) - Number(b.spamLike) || when(a).localeCompare(when(b)) || a.messageId.localeCompare(b.messageId));
}

/** Definitions of a term found in the days' messages, best first. */
export function findDefinitions(term: Term, days: Day[], opts: { limit?: number; /** every glossary word, so a bare list of terms is not an answer */ vocabulary?: string[] } = {}): Definition[] {
  const words = termWords(term);
  const out: Definition[] = [];
  const seen = new Set<string>();
  // Longest first, so a longer term is removed before a shorter one inside it; sorted once, not per message.
  const naming = [...words, ...(opts.vocabulary ?? [])].sort((a, b) => b.length - a.length);
  for (const day of days) {
    const msgs = day.messages.filter((m) => m.duplicateOf === null);
    // Questions about the term open a window in which other speakers' replies count as answers.
    const questions: Message[] = [];
    for (const m of msgs) {
      const text = m.text;
      const lower = text.toLowerCase();
      const mentions = words.some((w) => lower.includes(w.toLowerCase()));
      const isQuestion = mentions && (asksAbout(text, words) || /(?:[?？]|[吗么呢])\s*$/.test(text.trim()));
      // Questions past the window can never be answered again: dropping them keeps a busy day linear.
      while (questions.length && m.seq - questions[0]!.seq > ANSWER_WINDOW) questions.shift();
      const open = questions.filter((q) => q.speaker !== m.speaker && m.seq > q.seq);
      if (isQuestion) {
        if (asksAbout(text, words)) questions.push(m);
        continue;
      }
      const hit = mentions ? matchPatterns(text, words) : null;
      const replyTo = open.find((q) => m.mentionIds.includes(q.speakerId)) ?? open[0] ?? null;
      let pattern: DefinitionPattern | null = hit?.pattern ?? null;
      let score = hit?.weight ?? 0;
      let snippet = hit ? sentenceFrom(text, hit.at, hit.body + 2) : '';
      // An answer must say something beyond naming terms (`交易流水、账户流水、会计流水` is a list, not an answer).
      const substance = () => naming.reduce((t, w) => t.split(w).join(''), text).replace(/[\s\p{P}\p{S}]/gu, '').length;
      const asking = /想问|请问|问一下|请教|问个|问下/.test(text); // someone else's question is not an answer
      if (replyTo && !asking && (mentions || m.mentionIds.includes(replyTo.speakerId)) && substance() >= 6) {
        score += 1.5; // an answer to someone asking what the term means
        if (!pattern) {
          pattern = 'answer';
          snippet = text.length > 140 ? `${text.slice(0, 140)}…` : text;
        }
      }
      if (!pattern) continue;
      // Substance: a few words of explanation beat a bare label, very long pastes are less of a definition.
      const len = snippet.length;
      score += len < 8 ? -1 : len <= 80 ? 0.5 : 0;
      const key = snippet.replace(/\s+/g, '');
      if (seen.has(key)) continue; // the same sentence quoted again by someone else
      seen.add(key);
      // Judged on the whole message: a snippet stops at the first sentence end, the advertisement may follow.
      const spamLike = spamLikeness(text, words) >= SPAM_LIKE;
      out.push({ messageId: m.id, day: m.day, seq: m.seq, time: m.time, speaker: m.speaker, snippet, pattern, score: Math.round(score * 100) / 100, answers: replyTo && pattern ? replyTo.id : null, spamLike });
    }
  }
  out.sort(byRank);
  return opts.limit ? out.slice(0, opts.limit) : out;
}

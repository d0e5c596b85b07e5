// Message bodies: from the exporter's markdown to what a reader sees (text) and a safe reading-order
// model (segments). Pure and linear in the body length: the ingest benchmark runs this 100,000+ times.
import type { Image, Link, MessageFlag, MessageKind, Quote, Segment } from '../model/types.ts';
import { decodeEntities } from './entities.ts';
import { PrefixTrie, trimEndWhere } from './scan.ts';
import { stripInvisible } from './invisible.ts';
import { plainOf } from './reading.ts';

export { decodeEntities } from './entities.ts';

// ---------------------------------------------------------------------------------------------
// Mentions are resolved against the speakers of the same day: display names contain spaces, `-`,
// `@` and `?`, so "the longest speaker name that matches here" beats any stop-character rule.

export interface NameMatcher {
  /** The longest known name that `s` starts with at `pos`, or null. */
  longestAt(s: string, pos: number): string | null;
}

export function nameMatcher(names: Iterable<string>): NameMatcher {
  // A trie, not a list of names per first character: a day with thousands of speakers and a message with
  // thousands of @ must not cost their product.
  const trie = new PrefixTrie(names);
  return { longestAt: (s, pos) => trie.longestAt(s, pos) };
}

const NO_NAMES: NameMatcher = { longestAt: () => null };

// ---------------------------------------------------------------------------------------------
// Inline tokens. One global regex finds the next structure; everything between is plain text.
//  1 image   ![alt](url)       alt without `[` (else every `![` of a long `![![![…` line rescans to its end)
//  2 link    [title](target)   title may span lines (`[title\u2028\n](url)`), target may be empty
//  3 url     bare http(s) URL (ASCII only: Chinese text often follows a URL without a space)
//  4 at      @ or ＠ (mention candidate)
//  5 emoji   [捂脸], [强], [OK]
const TOKEN =
  /(!\[[^\[\]\n]*\]\([^()\n]*\))|(\[(?:[^\[\]]|\[[^\[\]\n]*\])*\]\([^()\n]*(?:\([^()\n]*\)[^()\n]*)*\))|(https?:\/\/[A-Za-z0-9\-._~:/?#@!$&'*+,;=%]+)|([@＠])|(\[[^\[\]\n]{1,10}\])/g;

/** WeChat emoji codes: a short CJK word, or one of the English names the client uses. */
const EMOJI_CODE = /^\[(?:[\u3400-\u9fff]{1,5}|OK|Facepalm|Smirk|Smile|Grin|Yeah!|Hey|Wow|Emm|Awesome|Shrunken|Smart|Concerned|Onlooker|Sigh|LetMeSee|Sob|Blessing|Strong|Rose|Party|Joyful|Hurt|Scowl|Lol|Thumbs Up|ThumbsUp|Peace|Fight|Beer|Coffee|Gift|Heart|Broken|Sun|Moon|Hug|Shake|Salute|Clap|Fist|Pig|Bomb|Shocked|Sweat|Drowsy|Tongue|Wink|Cool|Angry|Cry|Shy|Silent|Sleep|Doge|Hammer|Ruthless|Cleaver|Trick|Bye|Whimper|Lips|Watermelon)\]$/;

/** Invisible characters the exporter left around line breaks and in names. */
const INVISIBLE = /[\u0085\u2028\u2029\u200b-\u200f\u2060\ufeff]/g;

/** Excel-HTML / XML fragments pasted into a link: kept as text, never rendered. */
// `<\s*(?:\/\s*)?`, not `<\s*\/?\s*`: two adjacent `\s*` split a long run of spaces every possible way.
const DEBRIS = /<\s*(?:\/\s*)?(?:td|tr|table|tbody|span|div|font|col|style|br|p)\b|<\?xml|^\s*</i;

/** Characters that end a mention name when no speaker of the day matches. */
const MENTION_STOP = /[\s?？\u2005@＠，。！、；：,:;!\[\]【】「」"“”<>]/g;

const SAFE_URL = /^https?:\/\/[^\s]+$/i;

export function isSafeUrl(url: string): boolean {
  return SAFE_URL.test(url);
}

export interface Inline {
  segments: Segment[];
  links: Link[];
  images: Image[];
  mentions: string[];
  emojis: string[];
  debris: boolean;
}

/** Visible text of a segment sequence (what `text` is made of). */
export function visibleText(segments: Segment[]): string {
  let s = '';
  for (const g of segments) {
    if (g.type === 'text') s += g.text;
    else if (g.type === 'link') s += g.title;
    else if (g.type === 'mention') s += '@' + g.name;
    else if (g.type === 'emoji') s += g.code;
  }
  return s;
}

/** Cleans a link title that the exporter split across lines. */
function cleanTitle(t: string): string {
  // A whitespace run holding a line break becomes one space (`/\s*\n\s*/g`, without its quadratic rescans).
  return t.replace(INVISIBLE, '').replace(/\s+/g, (ws) => (ws.includes('\n') ? ' ' : ws)).trim();
}

/** `@all` / `@所有人`, then text without a space: the name is only the keyword. */
const MENTION_ALL = /^(?:all|所有人)(?![A-Za-z0-9])/i;
/** A character that continues a nickname (`老熊-头条-支付PL`), so a shorter speaker match is wrong. */
const NAME_CONTINUES = /[-－~～_+·A-Za-z0-9（(]/;

/**
 * The mentioned name starting at `pos` (just after the @). Prefers the longest speaker name of the
 * day, unless the written name visibly continues past it (`@凤凰牌老熊-群主-北京` when only
 * `凤凰牌老熊-群主` spoke); otherwise the name runs to the next stop character.
 */
function mentionAt(s: string, pos: number, names: NameMatcher): string | null {
  const known = names.longestAt(s, pos);
  MENTION_STOP.lastIndex = pos;
  const stop = MENTION_STOP.exec(s);
  const j = stop ? stop.index : s.length;
  const written = s.slice(pos, j);
  if (known && (known.length >= written.length || !NAME_CONTINUES.test(s[pos + known.length]!))) return known;
  const all = MENTION_ALL.exec(written);
  if (all) return all[0];
  return written || null;
}

/** Tokenizes decoded text into segments. `s` has entities decoded already. */
export function parseInline(s: string, names: NameMatcher = NO_NAMES): Inline {
  const segments: Segment[] = [];
  const links: Link[] = [];
  const images: Image[] = [];
  const mentions: string[] = [];
  const emojis: string[] = [];
  let debris = false;
  let buf = '';
  const pushText = (t: string) => {
    buf += t;
  };
  const flushText = () => {
    if (buf) segments.push({ type: 'text', text: buf });
    buf = '';
  };
  // One shared sticky-free global regex: parseInline is synchronous and never re-entered mid-scan.
  const re = TOKEN;
  re.lastIndex = 0;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) {
    const at = m.index;
    let end = at + m[0].length;
    if (m[1] !== undefined) {
      // image ![alt](url)
      pushText(s.slice(last, at));
      const close = m[1].indexOf('](');
      const alt = m[1].slice(2, close);
      const url = m[1].slice(close + 2, -1).trim();
      const safe = isSafeUrl(url);
      flushText();
      segments.push({ type: 'image', url, alt, safe });
      images.push({ url, alt, safe });
    } else if (m[2] !== undefined) {
      const tok = m[2];
      const close = tok.lastIndexOf('](');
      const title = cleanTitle(tok.slice(1, close));
      const url = tok.slice(close + 2, -1).trim();
      pushText(s.slice(last, at));
      if (DEBRIS.test(url) || DEBRIS.test(title)) {
        // Excel-HTML/XML debris: the literal markdown stays as text so nothing is lost or rendered.
        debris = true;
        pushText(tok);
      } else if (url === '') {
        // `[file.pdf\n]()`: an attachment without a target; its name is the text.
        pushText(title);
      } else {
        const safe = isSafeUrl(url);
        flushText();
        segments.push({ type: 'link', url, title: title || url, safe });
        links.push({ url, title: title || url, safe });
      }
    } else if (m[3] !== undefined) {
      // Bare URL: trailing sentence punctuation is not part of it, nor a final @, which starts a mention
      // (`…/83311.html@程琳Wa-杉德支付pm-上海`: URL characters are ASCII, so the name is never read into it).
      const url = trimEndWhere(m[3], (c) => ".,;:!?'*@".includes(c));
      end = at + url.length;
      pushText(s.slice(last, at));
      flushText();
      segments.push({ type: 'link', url, title: url, safe: true });
      links.push({ url, title: url, safe: true });
    } else if (m[4] !== undefined) {
      // A mention, unless it is an e-mail address: an @ inside a Latin word (user@host). In the archive an @ right
      // after a Latin letter or digit is an address when a Latin letter or digit follows it (all 15 such), and a
      // mention when a name in Chinese does (all 13: `POSP@胥刚-华夏银行-项目经理-北京`, `6666@老樊-滴滴-开发-北京`).
      const prev = at > 0 ? s[at - 1]! : '';
      const next = s[at + 1] ?? '';
      const email = m[4] === '@' && /[A-Za-z0-9._%+\-]/.test(prev) && /[A-Za-z0-9]/.test(next);
      const name = email ? null : mentionAt(s, at + 1, names);
      if (name === null) {
        re.lastIndex = at + 1;
        continue; // plain `@`, left in the text by the next pushText
      }
      pushText(s.slice(last, at));
      flushText();
      segments.push({ type: 'mention', name, speakerId: null });
      mentions.push(name);
      end = at + 1 + name.length;
      // The separator after a mention is U+2005 (often lost as `?`): the reader sees a space.
      const sep = s[end];
      if (sep === '?' || sep === '\u2005') {
        pushText(' ');
        end++;
      }
    } else {
      const code = m[5];
      if (!EMOJI_CODE.test(code!)) {
        re.lastIndex = at + 1;
        continue;
      }
      pushText(s.slice(last, at));
      flushText();
      segments.push({ type: 'emoji', code: code! });
      emojis.push(code!);
    }
    last = end;
    re.lastIndex = end;
  }
  pushText(s.slice(last));
  flushText();
  return { segments, links, images, mentions, emojis, debris };
}

// ---------------------------------------------------------------------------------------------
// Quoted replies: 「 name: quoted text 」 - - - - reply   (also `：` and no spaces)
// The quoted text's trailing spaces are trimmed in code: `([\s\S]*?)\s*」` rescans a run of spaces at every step.
const QUOTE = /^「\s*([^:：」\n]{1,80}?)\s*[:：]\s*([\s\S]*?)」\s*(?:-\s*){2,}/;

// Notices the exporter wrote in place of a message (red packets, recalls, joins).
const SYSTEM = /^(?:微信红包|\[红包\]|\[转账\]|.{0,40}撤回了一条消息|.{0,80}(?:加入了群聊|移出了群聊|修改群名为.*)|你已添加了.*|以上是打招呼的内容|收到红包，请在手机上查看)$/;

// GBK bytes read as something else: box-drawing glyphs glued to CJK (┱飧隹缇持), U+FFFD,
// private-use code points, or UTF-8 read as Latin-1 (Ã¤Â¸Â­).
const MOJIBAKE = /[\u2500-\u257f][\u3400-\u9fff]|[\u3400-\u9fff][\u2500-\u257f]|\ufffd|[\ue000-\uf8ff]|(?:[\u00c2-\u00ef][\u0080-\u00bf]){2,}/;

export interface Body {
  text: string;
  /** The words of the body (reading.ts): what every analysis reads. */
  plain: string;
  segments: Segment[];
  links: Link[];
  images: Image[];
  mentions: string[];
  emojis: string[];
  kind: MessageKind;
  quote: Quote | null;
  flags: MessageFlag[];
}

/**
 * Interprets the body lines of one message (the lines between its header and the next header).
 * Lines end in markdown's two-space line break and are padded with whitespace-only lines; both go.
 */
export function parseBody(lines: readonly string[], names: NameMatcher = NO_NAMES): Body {
  const flags: MessageFlag[] = [];
  if (lines.length === 0) flags.push('no-body');
  let a = 0;
  let b = lines.length;
  while (a < b && lines[a]!.trim() === '') a++;
  while (b > a && lines[b - 1]!.trim() === '') b--;
  let content = '';
  for (let i = a; i < b; i++) content += (i > a ? '\n' : '') + trimEndWhere(lines[i]!, (c) => c === ' ' || c === '\t' || c === '\r');
  // After decoding: `&#x202e;` is a bidi override too. Invisible controls never reach any page, feed or index.
  content = stripInvisible(decodeEntities(content)).trim();

  let quote: Quote | null = null;
  const q = content.startsWith('「') ? QUOTE.exec(content) : null;
  if (q) {
    const qi = parseInline(q[2]!.trimEnd(), names);
    quote = { author: q[1]!.trim(), text: visibleText(qi.segments).trim() };
    content = content.slice(q[0].length).trim();
  }

  const inl = parseInline(content, names);
  const text = visibleText(inl.segments);
  if (inl.debris) flags.push('markup-debris');
  if (inl.links.some((l) => !l.safe) || inl.images.some((i) => !i.safe)) flags.push('unsafe-link');
  let lost = false;
  for (const g of inl.segments) if (g.type === 'text' && g.text.includes('??')) lost = true;
  if (lost) flags.push('lost-emoji');
  if (MOJIBAKE.test(text) || (quote && MOJIBAKE.test(quote.text))) flags.push('mojibake');

  let kind: MessageKind = 'text';
  const onlyWs = (g: Segment) => g.type === 'text' && g.text.trim() === '';
  if (text.trim() === '' && inl.images.length === 0 && !quote) kind = 'empty';
  else if (SYSTEM.test(text.trim()) || (inl.links.length === 1 && inl.links[0]!.title === '微信红包' && inl.segments.every((g) => g.type === 'link' || onlyWs(g)))) kind = 'system';
  else if (!quote && inl.images.length > 0 && inl.segments.every((g) => g.type === 'image' || onlyWs(g))) kind = 'image';
  else if (!quote && inl.links.length > 0 && inl.segments.every((g) => g.type === 'link' || onlyWs(g))) kind = 'link';

  return { text, plain: plainOf(inl.segments), segments: inl.segments, links: inl.links, images: inl.images, mentions: inl.mentions, emojis: inl.emojis, kind, quote, flags };
}

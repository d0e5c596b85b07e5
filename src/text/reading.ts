// The reading of a message that the analysis stages share, made once from its segments at ingest (and again
// when masking rewrites the segments), so threads, Q&A, related discussions, the glossary and the search
// indexes all read the same words. Pure and browser-safe.
import type { Segment } from '../model/types.ts';

/** A URL the parser left inside text (ftp://, or one it did not link): a target, not words. */
const URL_IN_TEXT = /(?:https?|ftp):\/\/\S+/gi;
/** A short bracketed code left as text (`[图片]`, `[语音]`, an emoji code the parser does not know): not words. */
const CODE_IN_TEXT = /\[[^\[\]\s]{1,8}\]/g;

/** Text without URLs and bracketed codes; most runs have neither, so they are returned as they are. */
function words(s: string): string {
  if (!s.includes('[') && !s.includes('://')) return s;
  return s.replace(URL_IN_TEXT, ' ').replace(CODE_IN_TEXT, ' ');
}

export interface PlainOptions {
  /** Keep mentions as `@name` (titles keep inner mentions: "今天请到@某某给大家做分享"); dropped by default. */
  mentions?: boolean;
}

/**
 * The words of a message: its visible text without URLs (a link keeps its title unless the title is the URL),
 * images, emoji codes and, unless asked for, @mentions. Each dropped piece leaves a space, so the words on
 * either side stay apart; images leave nothing, as in the visible text.
 */
export function plainOf(segments: readonly Segment[], opts: PlainOptions = {}): string {
  let s = '';
  for (const g of segments) {
    if (g.type === 'text') s += words(g.text);
    else if (g.type === 'link') s += g.title === g.url ? ' ' : words(g.title);
    else if (g.type === 'mention') s += opts.mentions ? '@' + g.name : ' ';
    else if (g.type === 'emoji') s += ' ';
  }
  return s;
}

/** `@all` / `@所有人` as the parser reads it (the name is only the keyword). */
const EVERYONE = /^(?:all|所有人)$/i;

/** Whether a message's mentions (Message.mentions) address everyone rather than a person. */
export function mentionsEveryone(mentions: readonly string[]): boolean {
  return mentions.some((n) => EVERYONE.test(n));
}

/**
 * What two messages share when one repeats or quotes the other: the text without bracketed codes, spaces and
 * sentence punctuation, lower-cased (a quote is cut short and re-spaced by the client).
 */
export function echoKey(text: string): string {
  return text.replace(CODE_IN_TEXT, '').replace(/[\s?？!！。.,，~～…]+/g, '').toLowerCase();
}

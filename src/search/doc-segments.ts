// The segments of a message as the search index stores them: its text (which the index already stores, and which
// the client matches and highlights) plus the places in it that are not plain text — links, mentions, emoji and
// images. The browser turns them back into the message's segments and draws them through the same display form
// as pages (src/site/display.ts), so a result shows a message the way its page does. Pure and browser-safe.
import type { Segment } from '../model/types.ts';
import { isSafeUrl } from '../text/segments.ts';
import { isMirroredPath } from '../site/image-mirror.ts';

/**
 * `[start, length, kind, target?, alt?]`, offsets in the message text. Kinds: `l` link (target: its URL when it
 * differs from the title the text shows), `m` mention (target: the speaker id it resolved to), `e` emoji code,
 * `i` image (length 0, the text shows nothing; target: its URL, alt: its alt text when there is one, then the site
 * path of its mirrored copy when the build mirrors it). An upper-case `L` / `I` is a link / image whose target the
 * parser did not take for an http(s) URL.
 */
export type DocSpan = [number, number, 'l' | 'L' | 'm' | 'e' | 'i' | 'I', string?, string?, string?];

/** The site path of an image's mirrored copy (src/node/image-mirror.ts mirroredSrc), or null. */
export type MirroredSrc = (url: string) => string | null;

/**
 * The spans of a message's segments within its text, or undefined when it has none (plain text) or when its
 * segments do not spell its text (they always do as parsed; a rewrite such as masking could break that, and then
 * the result shows the text as text rather than misplace a link).
 */
export function docSpans(segments: readonly Segment[], text: string, mirrored?: MirroredSrc): DocSpan[] | undefined {
  const out: DocSpan[] = [];
  let at = 0;
  const take = (s: string): boolean => {
    if (!text.startsWith(s, at)) return false;
    at += s.length;
    return true;
  };
  for (const g of segments) {
    const start = at;
    switch (g.type) {
      case 'text':
        if (!take(g.text)) return undefined;
        break;
      case 'link': {
        if (!take(g.title)) return undefined;
        const kind = g.safe && isSafeUrl(g.url) ? 'l' : 'L';
        out.push(g.url === g.title ? [start, g.title.length, kind] : [start, g.title.length, kind, g.url]);
        break;
      }
      case 'mention':
        if (!take('@' + g.name)) return undefined;
        out.push(g.speakerId ? [start, at - start, 'm', g.speakerId] : [start, at - start, 'm']);
        break;
      case 'emoji':
        if (!take(g.code)) return undefined;
        out.push([start, g.code.length, 'e']);
        break;
      case 'image': {
        const kind = g.safe && isSafeUrl(g.url) ? 'i' : 'I';
        // Pages show the mirrored copy and link the original (Segments.astro); results do the same.
        const local = kind === 'i' ? mirrored?.(g.url) ?? null : null;
        out.push(local ? [start, 0, kind, g.url, g.alt, local] : g.alt ? [start, 0, kind, g.url, g.alt] : [start, 0, kind, g.url]);
        break;
      }
    }
  }
  if (at !== text.length) return undefined;
  return out.length ? out : undefined;
}

/** A segment and where it sits in the message text ([start, end); an image is empty). */
export interface PlacedSegment {
  segment: Segment;
  start: number;
  end: number;
  /** An image's mirrored copy on this site, when the build made one (a path mirroredPath makes; else left out). */
  src?: string;
}

/** The message's segments back from its text and spans (see docSpans); spans out of order or range are text. */
export function docSegments(text: string, spans: readonly DocSpan[] | undefined): PlacedSegment[] {
  const out: PlacedSegment[] = [];
  let at = 0;
  const plain = (end: number) => {
    if (end > at) out.push({ segment: { type: 'text', text: text.slice(at, end) }, start: at, end });
    at = Math.max(at, end);
  };
  for (const [start, length, kind, target, alt, local] of spans ?? []) {
    const end = start + length;
    // Index files are untrusted too: a span that overlaps the previous one or leaves the text is ignored.
    if (!Number.isInteger(start) || !Number.isInteger(length) || start < at || length < 0 || end > text.length) continue;
    plain(start);
    const shown = text.slice(start, end);
    let segment: Segment | null = null;
    if (kind === 'l' || kind === 'L') segment = { type: 'link', url: target ?? shown, title: shown, safe: kind === 'l' && isSafeUrl(target ?? shown) };
    // A mention's text is `@` and its name, as docSpans wrote it.
    else if (kind === 'm' && length > 1) segment = { type: 'mention', name: shown.slice(1), speakerId: target || null };
    else if (kind === 'e') segment = { type: 'emoji', code: shown };
    else if ((kind === 'i' || kind === 'I') && length === 0 && target !== undefined) segment = { type: 'image', url: target, alt: alt ?? '', safe: kind === 'i' && isSafeUrl(target) };
    if (!segment) continue;
    out.push(local !== undefined && segment.type === 'image' && isMirroredPath(local) ? { segment, start, end, src: local } : { segment, start, end });
    at = end;
  }
  plain(text.length);
  return out;
}

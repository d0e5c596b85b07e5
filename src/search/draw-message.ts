// Draws a message of a search result from the display form pages use (src/site/display.ts), with the DOM: the
// elements, classes and attributes of src/components/Segments.astro, text only through text nodes, URLs only from
// the display parts (safeHttpUrl's serialization) through setAttribute. Never innerHTML. The query's matches are
// marked inside whatever part holds them (a link's title, a mention), and a long message is cut around its first
// match.
import { displayParts, type DisplayPart } from '../site/display.ts';
import { docSegments, type DocSpan } from './doc-segments.ts';

type Ranges = readonly (readonly [number, number])[];

function el(tag: string, attrs: Record<string, string>, ...kids: (Node | string)[]): HTMLElement {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  e.append(...kids);
  return e;
}

/** `text` (which sits at `offset` in the message) with <mark> around the parts of the ranges inside it. */
function marked(text: string, offset: number, ranges: Ranges): DocumentFragment {
  const f = document.createDocumentFragment();
  let at = 0;
  for (const [rs, re] of ranges) {
    const s = Math.max(0, rs - offset);
    const e = Math.min(text.length, re - offset);
    if (e <= s || s < at) continue;
    if (s > at) f.append(text.slice(at, s));
    f.append(el('mark', {}, text.slice(s, e)));
    at = e;
  }
  f.append(text.slice(at));
  return f;
}

/** One display part, which sits at `start` in the message (for marks); `mirrored`: an image's copy on this site. */
function drawPart(p: DisplayPart, start: number, ranges: Ranges, mirrored: string | undefined): Node {
  const inner = (text: string) => marked(text, start, ranges);
  switch (p.kind) {
    case 'text':
      return inner(p.text);
    case 'term':
      return el('a', { class: 'term', href: p.href }, inner(p.text));
    case 'link':
      return el('a', { class: 'chat-link', href: p.href, rel: 'nofollow noopener noreferrer ugc' }, inner(p.text));
    case 'unsafe-link':
      return el('span', { class: 'unsafe-link', title: '非 http(s) 链接，仅显示文本' }, p.text);
    case 'image':
      return el('a', { class: 'chat-img-wrap', href: p.href, rel: 'nofollow noopener noreferrer ugc' },
        el('img', { class: 'chat-img', src: mirrored ?? p.href, alt: p.alt, loading: 'lazy', decoding: 'async', referrerpolicy: 'no-referrer' }));
    case 'image-missing':
      return el('span', { class: 'img-missing' }, p.text);
    case 'mention':
      return p.href ? el('a', { class: 'mention', href: p.href }, inner(p.text)) : el('span', { class: 'mention' }, inner(p.text));
    case 'emoji':
      return p.glyph
        ? el('span', { class: 'emoji', role: 'img', 'aria-label': p.label, title: p.label }, p.glyph)
        : el('span', { class: 'emoji', title: '表情' }, p.text);
  }
}

/** The window of a long message shown around its first match: [start, end) in the text. */
export function clipWindow(length: number, ranges: Ranges, max = 240): [number, number] {
  if (length <= max) return [0, length];
  const start = ranges.length ? Math.max(0, Math.min(ranges[0]![0] - 60, length - max)) : 0;
  return [start, start + max];
}

/**
 * A result's message: its text and spans (the index's docs), the query's match ranges in the text. Parts outside
 * the window are left out, a text part is cut at its edges, other parts are kept whole.
 */
export function drawMessage(text: string, spans: readonly DocSpan[] | undefined, ranges: Ranges, max = 240): DocumentFragment {
  const f = document.createDocumentFragment();
  const [from, to] = clipWindow(text.length, ranges, max);
  if (from > 0) f.append('…');
  const placed = docSegments(text, spans);
  // displayParts draws one part per segment when no term spans are asked for, so parts and places line up.
  const parts = displayParts(placed.map((p) => p.segment));
  parts.forEach((p, i) => {
    const { start, end, src } = placed[i]!;
    if (end < from || start > to || (end === from && end > start) || (start === to && end > start)) return;
    if (p.kind === 'text') {
      const s = Math.max(start, from);
      f.append(marked(text.slice(s, Math.min(end, to)), s, ranges));
    } else f.append(drawPart(p, start, ranges, src));
  });
  if (to < text.length) f.append('…');
  return f;
}

// The display form of a message body: segments -> parts that say what to draw (kind), the text a reader sees
// and, for links, the target already passed through the URL gate (safeHttpUrl). Pure and browser-safe, so the
// Astro components and any DOM renderer draw a message the same way; each renderer only escapes (Astro `{}`,
// DOM textContent/setAttribute) and never decides what is a link.
import type { Segment } from '../model/types.ts';
import { imageLabel } from '../model/labels.ts';
import { emojiFor } from '../text/emoji.ts';
import { safeHttpUrl } from './safe-url.ts';
import { personUrl, termUrl } from './urls.ts';

export type DisplayPart =
  | { kind: 'text'; text: string }
  /** A glossary term inside text; `href` is the site path of its page. */
  | { kind: 'term'; text: string; href: string; slug: string }
  /** An http(s) link; `href` is safeHttpUrl's serialization (escape `&` for HTML with escapeUrlAttr). */
  | { kind: 'link'; text: string; href: string }
  /** A link whose target is not http(s): its title and target as text. */
  | { kind: 'unsafe-link'; text: string }
  | { kind: 'image'; href: string; alt: string }
  /** An image whose target is not http(s). */
  | { kind: 'image-missing'; text: string }
  /** `href`: the person's page when the mention resolved to a speaker, else null. */
  | { kind: 'mention'; text: string; href: string | null }
  /** `glyph`: the Unicode emoji for a known WeChat code, else null (the code is shown). */
  | { kind: 'emoji'; text: string; label: string; glyph: string | null };

/** Where glossary terms sit in a text run (start/end offsets, slug); none when the page links no terms. */
export type TermSpans = (text: string) => readonly { start: number; end: number; slug: string }[];

/** `[捂脸]` stays as written; a bare name (`Smile`) is bracketed, so the code reads as a code. */
export function emojiLabel(code: string): string {
  return /^\[.*\]$/.test(code) || !/^[\p{L}\p{N}_ -]+$/u.test(code) ? code : `[${code}]`;
}

function textParts(text: string, spans: TermSpans | undefined, out: DisplayPart[]): void {
  if (!spans) { out.push({ kind: 'text', text }); return; }
  let at = 0;
  for (const s of spans(text)) {
    if (s.start > at) out.push({ kind: 'text', text: text.slice(at, s.start) });
    out.push({ kind: 'term', text: text.slice(s.start, s.end), href: termUrl(s.slug), slug: s.slug });
    at = s.end;
  }
  if (at < text.length) out.push({ kind: 'text', text: text.slice(at) });
}

export function displayParts(segments: readonly Segment[], spans?: TermSpans): DisplayPart[] {
  const out: DisplayPart[] = [];
  for (const s of segments) {
    switch (s.type) {
      case 'text':
        textParts(s.text, spans, out);
        break;
      case 'link': {
        const href = s.safe ? safeHttpUrl(s.url) : null;
        if (href !== null) out.push({ kind: 'link', text: s.title || s.url, href });
        else out.push({ kind: 'unsafe-link', text: s.title && s.title !== s.url ? `${s.title} (${s.url})` : s.url });
        break;
      }
      case 'image': {
        const href = s.safe ? safeHttpUrl(s.url) : null;
        if (href !== null) out.push({ kind: 'image', href, alt: imageLabel(s.alt) });
        else out.push({ kind: 'image-missing', text: `图片无法显示：${s.alt || s.url}` });
        break;
      }
      case 'mention':
        out.push({ kind: 'mention', text: `@${s.name}`, href: s.speakerId ? personUrl(s.speakerId) : null });
        break;
      case 'emoji':
        out.push({ kind: 'emoji', text: emojiLabel(s.code), label: emojiLabel(s.code), glyph: emojiFor(s.code) });
        break;
    }
  }
  return out;
}

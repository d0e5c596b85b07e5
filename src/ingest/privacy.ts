// The privacy pass of ingest: masks personal numbers and addresses in every message reading, once,
// before speakers, threads, search or any page sees the day. Sources are never touched; only the
// export with `--raw` builds without this pass. Pure over parsed days.
import type { Day, Message, Segment } from '../model/types.ts';
import { plainOf } from '../text/reading.ts';
import { DEFAULT_REDACT, findPii, PII_MASK, redactText, type PiiKind, type RedactOptions } from '../text/redact.ts';

/** What content/privacy.yaml chooses. */
export interface PrivacyPolicy extends RedactOptions {
  /** Nicknames (as written, or the person's name part) whose speaker appears under a pseudonym. */
  optOut: readonly string[];
}

export const DEFAULT_PRIVACY: PrivacyPolicy = { ...DEFAULT_REDACT, optOut: [] };
/** For `export --raw`: nothing masked, nobody pseudonymised. */
export const NO_PRIVACY: PrivacyPolicy = { kinds: [], allow: [], optOut: [] };

/** A masker for one archive: the detector, plus every number it found anywhere, masked wherever it recurs. */
export interface Masker {
  (s: string): string;
}

/**
 * Builds the masker from all message texts. Two passes because a number found in one place may recur
 * glued to letters elsewhere (`微信pay18515359890`), where boundaries rightly stop the detector.
 */
export function makeMasker(days: readonly Day[], opts: RedactOptions): Masker {
  if (!opts.kinds.length) return (s) => s;
  const known = new Map<string, PiiKind>();
  const collect = (s: string) => { for (const h of findPii(s, opts)) if (h.text.replace(/\D/g, '').length >= 7 || h.kind === 'email') known.set(h.text, h.kind); };
  for (const d of days) {
    collect(d.title);
    for (const m of d.messages) {
      collect(m.speaker);
      collect(m.raw);
      collect(m.text);
      for (const l of m.links) { collect(l.url); collect(l.title); }
      for (const i of m.images) { collect(i.url); collect(i.alt); }
    }
  }
  // Longest first, so a number is masked whole before a shorter one inside it could be.
  const recurring = [...known].sort((a, b) => b[0].length - a[0].length);
  return (s) => {
    let out = redactText(s, opts);
    for (const [text, kind] of recurring) if (out.includes(text)) out = out.split(text).join(PII_MASK[kind]);
    return out;
  };
}

function maskSegment(g: Segment, mask: Masker): Segment {
  switch (g.type) {
    case 'text': return { ...g, text: mask(g.text) };
    case 'link': return { ...g, url: mask(g.url), title: mask(g.title) };
    case 'image': return { ...g, url: mask(g.url), alt: mask(g.alt) };
    case 'mention': return { ...g, name: mask(g.name) };
    default: return g;
  }
}

export function maskMessage(m: Message, mask: Masker): Message {
  const segments = m.segments.map((g) => maskSegment(g, mask));
  return {
    ...m,
    speaker: mask(m.speaker),
    raw: mask(m.raw),
    text: mask(m.text),
    // The words are read again from the masked segments, so no analysis sees what the pages do not.
    plain: plainOf(segments),
    segments,
    links: m.links.map((l) => ({ ...l, url: mask(l.url), title: mask(l.title) })),
    images: m.images.map((i) => ({ ...i, url: mask(i.url), alt: mask(i.alt) })),
    mentions: m.mentions.map(mask),
    quote: m.quote && { author: mask(m.quote.author), text: mask(m.quote.text) },
  };
}

/** The days with every personal number masked; `opts.kinds` empty returns them unchanged. */
export function redactDays(days: Day[], opts: RedactOptions = DEFAULT_PRIVACY): Day[] {
  if (!opts.kinds.length) return days;
  const mask = makeMasker(days, opts);
  return days.map((d) => ({ ...d, title: mask(d.title), author: d.author && mask(d.author), messages: d.messages.map((m) => maskMessage(m, mask)) }));
}

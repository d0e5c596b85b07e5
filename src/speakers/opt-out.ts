// Members who asked to be left out (content/privacy.yaml `optOut`) appear under a stable pseudonym:
// their messages stay, but their nicknames and name appear nowhere — not as the writer, not in a
// mention, a quote, a day's author line or anyone's text. Runs right after speakers are assigned, so
// threads, search, pages and the export are built from the pseudonymised days. Pure.
import type { Day, Message, Segment, Speaker } from '../model/types.ts';
import { nameKey, normalizeDisplay } from './nickname.ts';
import { slugHash } from '../text/slug.ts';
import { plainOf } from '../text/reading.ts';

export interface Pseudonym {
  id: string;
  name: string;
}

/** Stable: a hash of the opt-out entry as written in privacy.yaml, so neither order nor new members change it. */
export function pseudonymOf(entry: string): Pseudonym {
  const h = slugHash(normalizeDisplay(entry)).slice(0, 6);
  return { id: `member-${h}`, name: `成员${h}` };
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One alternation of every secret, longest first; Latin names only as whole words. */
function secretsPattern(secrets: string[]): RegExp | null {
  const list = [...new Set(secrets.filter((s) => [...s].length >= 2))].sort((a, b) => b.length - a.length);
  if (!list.length) return null;
  const alt = list.map((s) => (/^[A-Za-z0-9]/.test(s) ? `(?<![A-Za-z0-9])${escapeRe(s)}` : escapeRe(s)) + (/[A-Za-z0-9]$/.test(s) ? '(?![A-Za-z0-9])' : ''));
  return new RegExp(alt.join('|'), 'giu');
}

export function applyOptOut(days: Day[], speakers: Speaker[], optOut: readonly string[]): { days: Day[]; speakers: Speaker[] } {
  if (!optOut.length) return { days, speakers };
  const byId = new Map<string, Pseudonym>();
  const replacements: { re: RegExp; name: string }[] = [];
  for (const entry of optOut) {
    const key = normalizeDisplay(String(entry));
    if (!key) continue;
    const hit = speakers.filter((s) => s.id !== 'anonymous' && (s.aliases.some((a) => normalizeDisplay(a) === key) || nameKey(s.name) === nameKey(key)));
    const p = pseudonymOf(key);
    const secrets = [key];
    hit.forEach((s, i) => {
      // One entry matching two people (a bare name) hides both, each under their own pseudonym.
      byId.set(s.id, i === 0 ? p : { id: `${p.id}-${i + 1}`, name: `${p.name}-${i + 1}` });
      secrets.push(s.name, ...s.aliases, ...s.aliases.map(normalizeDisplay), ...s.nicknames.map((n) => n.name));
    });
    const re = secretsPattern(secrets);
    if (re) replacements.push({ re, name: p.name });
  }
  const scrub = (s: string) => replacements.reduce((t, r) => t.replace(r.re, r.name), s);
  const idOf = (id: string) => byId.get(id)?.id ?? id;
  const seg = (g: Segment): Segment => {
    switch (g.type) {
      case 'text': return { ...g, text: scrub(g.text) };
      case 'link': return { ...g, title: scrub(g.title), url: scrub(g.url) };
      case 'image': return { ...g, alt: scrub(g.alt) };
      case 'mention': return { ...g, name: g.speakerId && byId.has(g.speakerId) ? byId.get(g.speakerId)!.name : scrub(g.name), speakerId: g.speakerId && idOf(g.speakerId) };
      default: return g;
    }
  };
  const message = (m: Message): Message => {
    const segments = m.segments.map(seg);
    return {
      ...m,
      speaker: byId.get(m.speakerId)?.name ?? scrub(m.speaker),
      speakerId: idOf(m.speakerId),
      raw: scrub(m.raw),
      text: scrub(m.text),
      // The words are read again from the scrubbed segments (src/text/reading.ts), as at ingest.
      plain: plainOf(segments),
      segments,
      links: m.links.map((l) => ({ ...l, title: scrub(l.title), url: scrub(l.url) })),
      images: m.images.map((i) => ({ ...i, alt: scrub(i.alt) })),
      mentions: m.mentions.map((n, i) => { const id = m.mentionIds[i]; return id && byId.has(id) ? byId.get(id)!.name : scrub(n); }),
      mentionIds: m.mentionIds.map((id) => id && idOf(id)),
      quote: m.quote && { author: scrub(m.quote.author), text: scrub(m.quote.text) },
    };
  };
  const outDays = days.map((d) => ({ ...d, title: scrub(d.title), author: d.author && scrub(d.author), messages: d.messages.map(message) }));
  const outSpeakers = speakers.map((s): Speaker => {
    const p = byId.get(s.id);
    if (!p) return { ...s, aliases: s.aliases.map(scrub), nicknames: s.nicknames.map((n) => ({ ...n, raw: scrub(n.raw), name: scrub(n.name) })) };
    return { ...s, id: p.id, name: p.name, aliases: [p.name], company: null, role: null, city: null, nicknames: [{ raw: p.name, name: p.name, company: null, role: null, city: null }] };
  });
  return { days: outDays, speakers: outSpeakers };
}

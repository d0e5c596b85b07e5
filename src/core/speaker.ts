// Speakers: nickname parsing and alias merging. PROVISIONAL minimal version.
import type { Day, Nickname, Speaker } from './types.ts';

export function parseNickname(raw: string): Nickname {
  const parts = raw.split(/[-－~～_+ ]+/).filter(Boolean);
  return { raw, name: parts[0] ?? raw, company: parts[1] ?? null, role: parts[2] ?? null, city: parts[3] ?? null };
}

export function speakerSlug(name: string): string {
  return encodeURIComponent(name.trim().toLowerCase().replace(/\s+/g, '-')) || 'anonymous';
}

/** Fills speakerId/mentionIds on every message and returns the speakers. */
export function assignSpeakers(days: Day[]): { days: Day[]; speakers: Speaker[] } {
  const byId = new Map<string, Speaker>();
  const out = days.map((d) => ({
    ...d,
    messages: d.messages.map((m) => {
      const nick = parseNickname(m.speaker);
      const id = speakerSlug(m.speaker);
      let s = byId.get(id);
      if (!s) {
        s = { id, name: nick.name, aliases: [], company: nick.company, role: nick.role, city: nick.city, nicknames: [], messageCount: 0, days: [] };
        byId.set(id, s);
      }
      if (!s.aliases.includes(m.speaker)) { s.aliases.push(m.speaker); s.nicknames.push(nick); }
      s.messageCount++;
      if (!s.days.includes(d.id)) s.days.push(d.id);
      return { ...m, speakerId: id, mentionIds: m.mentions.map(() => null) };
    }),
  }));
  return { days: out, speakers: [...byId.values()] };
}

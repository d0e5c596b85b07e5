// Speakers: who wrote each message, one Speaker per person across nicknames, and whom each @mention names.
// Nickname reading lives in speakers/nickname.ts, the merge evidence in speakers/merge.ts, mention resolution in
// speakers/mentions.ts.
import type { Day, Message, Nickname, Segment, Speaker } from '../model/types.ts';
import { nameKey, normalizeDisplay, parseNickname, speakerSlug } from './nickname.ts';
import { mergeByName, pairKey, UnionFind, unmergeable } from './merge.ts';
import { COMMON_LATIN } from './lexicon.ts';
import { chooseSpeakerIds, type SpeakerRedirect } from './ids.ts';
import { dayRoster, normalizeMention, resolveMention, type DayRoster } from './mentions.ts';
import { ANONYMOUS_LABEL } from '../model/labels.ts';

export { normalizeDisplay, parseNickname, speakerSlug } from './nickname.ts';
export { dayRoster, normalizeMention, resolveMention, type DayRoster, type MentionMatch } from './mentions.ts';

/** The speaker of messages with an empty speaker field. */
export const ANONYMOUS = { id: 'anonymous', name: ANONYMOUS_LABEL };

/** A mention that reads as a whole nickname of someone who wrote under another one (`@无缺-数心-开发`). */
function isAliasMention(m: string, nick: Nickname): boolean {
  return m.length <= 30 && !/\s/.test(m) && !!(nick.company || nick.role || nick.city);
}

/** Fills speakerId/mentionIds (and mention segments) on every message and returns the speakers. */
export function assignSpeakers(days: Day[]): { days: Day[]; speakers: Speaker[]; redirects: SpeakerRedirect[] } {
  const keyOf = new Map<string, string>();
  const key = (display: string) => {
    let k = keyOf.get(display);
    if (k === undefined) keyOf.set(display, (k = normalizeDisplay(display)));
    return k;
  };
  const nicks = new Map<string, Nickname>();
  const nickOf = (k: string) => {
    let n = nicks.get(k);
    if (!n) nicks.set(k, (n = parseNickname(k)));
    return n;
  };
  const displays = new Map<string, Map<string, number>>(); // key -> display as written -> count
  const uf = new UnionFind();
  const pairs = new Set<string>();
  const rosters = new Map<string, DayRoster>();

  for (const d of days) {
    for (const m of d.messages) {
      const k = key(m.speaker);
      nickOf(k);
      const shown = displays.get(k) ?? displays.set(k, new Map()).get(k)!;
      shown.set(m.speaker, (shown.get(m.speaker) ?? 0) + 1);
      // (b) the exporter wrote this message under two nicknames; 我 is never evidence of identity.
      if (m.duplicateOf !== null) {
        const orig = d.messages[m.duplicateOf - 1];
        const ok = orig ? key(orig.speaker) : '';
        if (orig && ok !== k && !unmergeable(ok) && !unmergeable(k)) pairs.add(pairKey(ok, k));
      }
    }
    rosters.set(d.id, dayRoster(d.messages.map((m) => key(m.speaker)), nickOf));
  }

  // (d) mentions of another nickname with the same name part as one writer of that day.
  const mentioned = new Map<string, Map<string, number>>();
  for (const d of days) {
    const roster = rosters.get(d.id)!;
    for (const m of d.messages) {
      for (const name of m.mentions) {
        const r = resolveMention(name, roster);
        const mk = normalizeMention(name);
        if (r?.how !== 'name' || mk === r.key || unmergeable(r.key) || unmergeable(mk)) continue;
        const mn = parseNickname(mk);
        // A shared common English name (Tim) is too weak, even when only one Tim spoke that day.
        if (!isAliasMention(mk, mn) || COMMON_LATIN.has(nameKey(mn.name))) continue;
        nickOf(mk);
        uf.union(r.key, mk);
        const shown = mentioned.get(mk) ?? mentioned.set(mk, new Map()).get(mk)!;
        shown.set(mk, (shown.get(mk) ?? 0) + 1);
      }
    }
  }
  mergeByName(nicks, uf, pairs);

  // Group nicknames by person, then build speakers in order of first appearance for stable slugs.
  const groups = new Map<string, string[]>();
  const firstSeen = new Map<string, number>();
  let order = 0;
  const firstAt = new Map<string, string>(); // root -> date and time of the person's first message
  for (const d of days) for (const m of d.messages) {
    const r = uf.find(key(m.speaker));
    if (!firstSeen.has(r)) firstSeen.set(r, order++);
    const at = `${d.date} ${m.time}`;
    const f = firstAt.get(r);
    if (f === undefined || at < f) firstAt.set(r, at);
  }
  for (const k of nicks.keys()) {
    const r = uf.find(k);
    (groups.get(r) ?? groups.set(r, []).get(r)!).push(k);
  }
  const counts = new Map<string, number>();
  for (const [k, shown] of displays) counts.set(k, [...shown.values()].reduce((a, b) => a + b, 0));

  const idOfRoot = new Map<string, string>();
  const speakers = new Map<string, Speaker>();
  const roots = [...groups.keys()].filter((r) => firstSeen.has(r)).sort((a, b) => firstSeen.get(a)! - firstSeen.get(b)!);
  const plan = roots.map((root) => {
    const keys = groups.get(root)!.sort((a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0) || (a < b ? -1 : 1));
    const main = nickOf(keys[0]!);
    const base = root === '' ? ANONYMOUS.id : speakerSlug(main.name) || speakerSlug(keys[0]!) || 'speaker';
    return { root, keys, main, base };
  });
  // Slugs that do not move when others join (speakers/ids.ts).
  const chosen = chooseSpeakerIds(plan.map((p) => {
    const company = p.main.company ?? p.keys.map((k) => nickOf(k).company).find(Boolean) ?? null;
    return {
      key: p.root,
      base: p.base,
      company: company ? speakerSlug(company) || null : null,
      companies: [...new Set(p.keys.map((k) => nickOf(k).company).filter((c): c is string => !!c).map(speakerSlug).filter(Boolean))],
      first: firstAt.get(p.root) ?? '',
      fixed: p.root === '',
    };
  }));
  plan.forEach((p, i) => {
    const id = chosen.ids[i]!;
    idOfRoot.set(p.root, id);
    const field = (f: 'company' | 'role' | 'city') => p.main[f] ?? p.keys.map((k) => nickOf(k)[f]).find(Boolean) ?? null;
    const aliases: string[] = [];
    const nicknames: Nickname[] = [];
    for (const k of p.keys) {
      const shown = displays.get(k) ?? mentioned.get(k);
      for (const disp of shown ? [...shown.keys()] : [k]) {
        if (aliases.includes(disp)) continue;
        aliases.push(disp);
        nicknames.push({ ...nickOf(k), raw: disp });
      }
    }
    speakers.set(id, {
      id,
      name: p.root === '' ? ANONYMOUS.name : p.main.name,
      aliases,
      company: field('company'),
      role: field('role'),
      city: field('city'),
      nicknames,
      messageCount: 0,
      days: [],
    });
  });

  const idOfKey = (k: string) => idOfRoot.get(uf.find(k))!;
  const out = days.map((d) => {
    const roster = rosters.get(d.id)!;
    const resolve = (name: string) => {
      const r = resolveMention(name, roster);
      return r ? idOfKey(r.key) : null;
    };
    const messages = d.messages.map((m): Message => {
      const speakerId = idOfKey(key(m.speaker));
      const s = speakers.get(speakerId)!;
      s.messageCount++;
      if (s.days[s.days.length - 1] !== d.id) s.days.push(d.id);
      const segments = m.segments.some((g) => g.type === 'mention')
        ? m.segments.map((g): Segment => (g.type === 'mention' ? { ...g, speakerId: resolve(g.name) } : g))
        : m.segments;
      return { ...m, speakerId, mentionIds: m.mentions.map(resolve), segments };
    });
    return { ...d, messages };
  });
  const list = [...speakers.values()].sort((a, b) => b.messageCount - a.messageCount || (a.id < b.id ? -1 : 1));
  return { days: out, speakers: list, redirects: chosen.redirects };
}

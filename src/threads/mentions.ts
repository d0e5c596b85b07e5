// Resolves @mentions to speakers of the day. Uses Message.mentionIds when the speaker stage filled them,
// else matches the written names against the day's display names (nicknames drift: "张杨-航天电子-研发-北京"
// mentions the speaker "张杨-航天电子-研发").
import type { Day, Message } from '../model/types.ts';
import { PrefixTrie, trimEndWhere } from '../text/scan.ts';

const SEP = /[-－~～_+·|｜（）() ]+/;

const WORD_AT = /[^\s@?？\u2005,，:：]+/y;

/** Mentioned names as written: Message.mentions, else `@name` runs in the text matched to known speakers. */
function writtenMentions(m: Message, speakers: PrefixTrie): string[] {
  if (m.mentions.length) return m.mentions;
  const out: string[] = [];
  const text = m.text;
  // Read in place (no copy of the rest of the text per @): a message can hold thousands of @.
  for (let i = text.indexOf('@'); i >= 0; i = text.indexOf('@', i + 1)) {
    // Longest speaker name the text continues with; names may contain spaces.
    const known = speakers.longestAt(text, i + 1);
    WORD_AT.lastIndex = i + 1;
    out.push(known ?? (WORD_AT.exec(text)?.[0] ?? ''));
  }
  return out.filter(Boolean);
}

function similar(a: string, b: string): boolean {
  if (a === b) return true;
  const short = a.length < b.length ? a : b;
  const long = a.length < b.length ? b : a;
  if (short.length >= 4 && long.startsWith(short)) return true;
  const pa = a.split(SEP).filter(Boolean);
  const pb = b.split(SEP).filter(Boolean);
  // Same name part, or the same tail (company-role-city) with a respelled name.
  if (pa.length >= 2 && pb.length >= 2) {
    if (pa[0] === pb[0] && pa[0]!.length >= 2) return true;
    const ta = pa.slice(1).join('-');
    if (ta.length >= 4 && ta === pb.slice(1).join('-')) return true;
  }
  return false;
}

/** For each message, the speaker keys (speakerId, else display name) it mentions. */
export function resolveMentions(day: Day): string[][] {
  const keyOf = new Map<string, string>();
  for (const m of day.messages) if (m.speaker && !keyOf.has(m.speaker)) keyOf.set(m.speaker, m.speakerId || m.speaker);
  const names = [...keyOf.keys()];
  const trie = new PrefixTrie(names);
  const cache = new Map<string, string | null>();
  const resolve = (name: string): string | null => {
    if (cache.has(name)) return cache.get(name)!;
    const n = trimEndWhere(name, (c) => c === '?' || c === '？' || /\s/.test(c)).trim();
    let hit: string | null = keyOf.get(n) ?? null;
    if (!hit) { const s = names.find((x) => similar(x, n)); hit = s ? keyOf.get(s)! : null; }
    cache.set(name, hit);
    return hit;
  };
  return day.messages.map((m) => {
    const written = writtenMentions(m, trie);
    const out: string[] = [];
    written.forEach((name, k) => {
      const id = m.mentions.length ? m.mentionIds[k] : null;
      const r = id ?? resolve(name);
      if (r && !out.includes(r)) out.push(r);
    });
    return out;
  });
}

// Written @names -> the speakers of the same day. The segment parser (src/text/segments.ts) decides what a mention
// is and how its name is written; this stage says whom it names, once, and the result is stored on the message
// (Message.mentionIds, and each mention segment's speakerId) for every later stage. Pure.
import type { Nickname } from '../model/types.ts';
import { nameKey, normalizeDisplay, parseNickname } from './nickname.ts';
import { trimEndWhere, trimStartWhere } from '../text/scan.ts';

/** Writers of one day, for resolving that day's mentions. Keys are normalised display names. */
export interface DayRoster {
  /** Longest first (the prefix and leading-name steps). */
  keys: string[];
  /** In order of first message (the nickname-likeness step takes the first writer that matches). */
  byFirstMessage: string[];
  keySet: Set<string>;
  /** name part -> keys with that name part */
  byName: Map<string, string[]>;
}

export function dayRoster(keys: Iterable<string>, nickOf: (key: string) => Nickname): DayRoster {
  const byFirstMessage = [...new Set(keys)].filter((k) => k !== '');
  const byName = new Map<string, string[]>();
  for (const k of byFirstMessage) {
    const n = nameKey(nickOf(k).name);
    if (n) (byName.get(n) ?? byName.set(n, []).get(n)!).push(k);
  }
  const list = [...byFirstMessage].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  return { keys: list, byFirstMessage, keySet: new Set(list), byName };
}

export type MentionMatch = { key: string; how: 'exact' | 'prefix' | 'name' | 'leading' | 'alike' } | null;

// Mentions repeat a lot (the same few names all day): memoise their name part. Bounded, so a long
// build does not grow it without limit.
const mentionNames = new Map<string, string>();
function mentionNameKey(m: string): string {
  let k = mentionNames.get(m);
  if (k === undefined) {
    if (mentionNames.size > 50_000) mentionNames.clear();
    mentionNames.set(m, (k = nameKey(parseNickname(m).name)));
  }
  return k;
}

/** Strips what the exporter and the parser leave around a mentioned name (@, `?`, U+2005, spaces). */
export function normalizeMention(name: string): string {
  return normalizeDisplay(trimEndWhere(trimStartWhere(name, (c) => c === '@' || c === '＠'), (c) => c === '?' || c === '？' || /\s/.test(c)));
}

const PART_SEP = /[-－~～_+·|｜（）() ]+/;

/**
 * Whether two nicknames read as the same person's: one starts with the other (4+ characters: nicknames drift,
 * "张杨-航天电子-研发-北京" mentions the speaker "张杨-航天电子-研发"), the same name part, or the same tail
 * (company-role-city) with a respelled name.
 */
export function nicknamesAlike(a: string, b: string): boolean {
  if (a === b) return true;
  const short = a.length < b.length ? a : b;
  const long = a.length < b.length ? b : a;
  if (short.length >= 4 && long.startsWith(short)) return true;
  const pa = a.split(PART_SEP).filter(Boolean);
  const pb = b.split(PART_SEP).filter(Boolean);
  if (pa.length >= 2 && pb.length >= 2) {
    if (pa[0] === pb[0] && pa[0]!.length >= 2) return true;
    const ta = pa.slice(1).join('-');
    if (ta.length >= 4 && ta === pb.slice(1).join('-')) return true;
  }
  return false;
}

/**
 * Resolves a mentioned name against the writers of the same day: the exact display name, else the one
 * display name starting with it, else the one writer whose name part equals the mention's name part,
 * else (for crude mention text that runs into the message) the longest display name it starts with,
 * else the first writer whose nickname reads like it (nicknamesAlike).
 */
export function resolveMention(raw: string, roster: DayRoster): MentionMatch {
  const m = normalizeMention(raw);
  if (!m) return null;
  if (roster.keySet.has(m)) return { key: m, how: 'exact' };
  const prefixed = roster.keys.filter((k) => k.startsWith(m));
  if (prefixed.length === 1 && [...m].length >= 2) return { key: prefixed[0]!, how: 'prefix' };
  const byName = roster.byName.get(mentionNameKey(m));
  if (byName?.length === 1) return { key: byName[0]!, how: 'name' };
  const lead = roster.keys.find((k) => [...k].length >= 2 && m.startsWith(k) && !/^[A-Za-z0-9]/.test(m.slice(k.length)));
  if (lead) return { key: lead, how: 'leading' };
  const alike = roster.byFirstMessage.find((k) => nicknamesAlike(k, m));
  return alike ? { key: alike, how: 'alike' } : null;
}

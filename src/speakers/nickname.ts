// Reading one WeChat nickname: display-name normalisation, name/company/role/city, and the keys used
// to compare nicknames. Evidence first (word lists), position only as a tie-breaker, because people
// write `name-company-role-city` but also `city-company-name-role` or `company-role-name`.
import type { Nickname } from '../model/types.ts';
import { decodeEntities } from '../text/entities.ts';
import { boundSlug } from '../text/slug.ts';
import { CITIES, CITY_CODES, COMMON_LATIN, COMPANIES, COMPANY_ENDINGS, COMPANY_MARKS, ROLE_QUALIFIERS, ROLES, SURNAMES } from './lexicon.ts';

/**
 * The comparable form of a display name: entities decoded, full-width folded (NFKC), invisible and
 * separator spaces collapsed, and the `?` the exporter leaves for a lost emoji trimmed from both ends.
 */
export function normalizeDisplay(raw: string): string {
  return decodeEntities(raw)
    .normalize('NFKC')
    .replace(/[\u200b-\u200f\u2028\u2029\u0085\ufeff]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    // The lookbehind lets the end match start only where the final run starts: `[?\s]+$` alone rescans
    // every run of `?` from each of its characters (quadratic in a name of thousands of `?`).
    .replace(/^[?\s]+|(?<![?\s])[?\s]+$/g, '');
}

const HAN = /\p{Script=Han}/u;
const PUNCT_ENDS = /^[\p{P}\p{S}]+|(?<![\p{P}\p{S}])[\p{P}\p{S}]+$/gu;
const SEPARATORS = /[-~_+\s,@|/]+/;
// Words that end many company names (`沃支付`, `至尊商务`): a role at the end of a part only when all
// that precedes them qualifies a role too (`资金清算`).
const WHOLE_ONLY = new Set(['支付', '总', '清算', '结算', '分账', '市场', '商务', '设计', '咨询', 'IT', 'UI', 'UE', 'QA', 'Dev', 'Lead']);

function lower(s: string): string {
  return s.toLowerCase();
}

// Lower-cased once: these run for every distinct nickname and mention.
const ROLES_LC = ROLES.map((r) => [r, lower(r)] as const);
const ROLE_SET_LC = new Set(ROLES_LC.map((r) => r[1]));
const QUALIFIERS_LC = ROLE_QUALIFIERS.map(lower);
const COMPANY_PREFIXES = [...COMPANIES].filter((c) => c.length >= 2);

export function isCity(t: string): boolean {
  return CITIES.has(t) || CITY_CODES.has(t) || (t.length >= 3 && t.endsWith('市') && CITIES.has(t.slice(0, -1)));
}

/** The city a part starts with (`上海睿民` -> 上海), when the part is longer than the city. */
function cityPrefix(t: string): string | null {
  for (const n of [4, 3, 2]) if (t.length > n && CITIES.has(t.slice(0, n))) return t.slice(0, n);
  return null;
}

/** Whole-part role, or a part that ends with a role (`厦门投融汇CTO` -> company 厦门投融汇, role CTO). */
export function splitRole(t: string): { role: string; rest: string } | null {
  const lt = lower(t);
  if (ROLE_SET_LC.has(lt)) return { role: t, rest: '' };
  for (const [r, rl] of ROLES_LC) {
    if (!lt.endsWith(rl)) continue;
    let rest = t.slice(0, t.length - r.length);
    // A Latin role glued to a Latin word is part of that word (`superLead` is not a lead).
    if (/^[A-Za-z]/.test(r) && /[A-Za-z]$/.test(rest)) continue;
    let role = t.slice(rest.length);
    // Qualifiers in front belong to the role (`快捷通渠道经理` -> 渠道经理).
    for (let again = true; again; ) {
      again = false;
      const restLc = lower(rest);
      for (const q of QUALIFIERS_LC) {
        if (rest.length > 0 && restLc.endsWith(q)) {
          role = rest.slice(rest.length - q.length) + role;
          rest = rest.slice(0, rest.length - q.length);
          again = true;
          break;
        }
      }
    }
    rest = rest.replace(PUNCT_ENDS, '');
    if (WHOLE_ONLY.has(r) && rest) continue;
    // What is left must look like a name of something (two characters at least), else it is all role.
    if ([...rest].length < 2) return { role: t, rest: '' };
    return { role, rest };
  }
  return null;
}

export function isCompanyish(t: string): boolean {
  if (COMPANIES.has(t) || COMPANIES.has(t.toUpperCase())) return true;
  if (HAN.test(t) && COMPANY_PREFIXES.some((c) => t.length > c.length && t.startsWith(c))) return true;
  if (COMPANY_MARKS.some((m) => t.includes(m) && t !== m)) return true;
  if (t.length >= 3 && HAN.test(t) && COMPANY_ENDINGS.some((e) => t.endsWith(e))) return true;
  return cityPrefix(t) !== null && !personLike(t.slice(cityPrefix(t)!.length));
}

/** A part that reads as a person's name: common surname + 1-2 characters, or 老孙/小穆/阿茂. */
export function personLike(t: string): boolean {
  const cs = [...t];
  if (!cs.every((c) => HAN.test(c))) return false;
  if (cs.length >= 2 && cs.length <= 3 && SURNAMES.has(cs[0]!)) return true;
  return cs.length === 2 && '老小阿'.includes(cs[0]!);
}

interface Part {
  text: string;
  kind: 'city' | 'role' | 'split' | 'other';
  role?: string;
  rest?: string;
}

export function parseNickname(raw: string): Nickname {
  const clean = normalizeDisplay(raw);
  const nick: Nickname = { raw, name: clean, company: null, role: null, city: null };
  if (!clean || clean === '我' || /^wxid_/i.test(clean)) return nick;
  // A handle like `Two_lei` or `Wall-E` is one name, not name + company.
  if (/^[A-Za-z][A-Za-z0-9.]*([_ -][A-Za-z0-9.]+)*$/.test(clean) && !clean.split(/[_ -]/).slice(1).some((p) => splitRole(p) || isCity(p) || isCompanyish(p))) return nick;

  const roles: string[] = [];
  let text = clean
    .replace(/【([^【】]*)】/g, ' $1 - ')
    // Parenthesised notes: a role (`李宏涛（产品技术）`) is kept as role, anything else (an English name, 前) dropped.
    .replace(/\(([^()]*)\)/g, (_, inner: string) => {
      const r = splitRole(inner.trim());
      if (r && !r.rest) roles.push(inner.trim());
      return ' ';
    })
    .replace(/\b([A-Za-z]{2,})-([A-Z])\b/g, '$1\u0000$2');
  const tokens = text.split(SEPARATORS).map((t) => t.replace(/\u0000/g, '-').replace(PUNCT_ENDS, '')).filter(Boolean);
  const parts: Part[] = [];
  for (const t of tokens) {
    const cp = cityPrefix(t);
    // `北京一张泽雄`: a city glued to a name.
    if (cp) {
      const rest = t.slice(cp.length).replace(/^[一·.]/, '');
      if (personLike(rest)) { parts.push({ text: cp, kind: 'city' }, { text: rest, kind: 'other' }); continue; }
    }
    if (isCity(t)) { parts.push({ text: t, kind: 'city' }); continue; }
    const r = splitRole(t);
    if (r && !r.rest) parts.push({ text: t, kind: 'role', role: r.role });
    else if (r) parts.push({ text: t, kind: 'split', role: r.role, rest: r.rest });
    else parts.push({ text: t, kind: 'other' });
  }

  const others = parts.filter((p) => p.kind === 'other');
  let name: Part | undefined;
  const first = others[0];
  if (first && (personLike(first.text) || !isCompanyish(first.text)) && parts.indexOf(first) === parts.findIndex((p) => p.kind !== 'city')) name = first;
  else if (others.length) {
    name = others.find((p) => personLike(p.text) && !isCompanyish(p.text))
      ?? others.find((p) => !isCompanyish(p.text) && !/^\d+$/.test(p.text))
      ?? first;
  }
  if (!name) {
    // Everything is role or city: the first non-city part is the name (`Ben富友PM`, `产品汪`).
    const p = parts.find((x) => x.kind === 'split') ?? parts.find((x) => x.kind !== 'city') ?? parts[0];
    if (!p) return nick;
    if (p.kind === 'split') { roles.unshift(p.role!); name = { text: p.rest!, kind: 'other' }; parts[parts.indexOf(p)] = name; }
    else name = p;
  }
  nick.name = name.text;

  const company: string[] = [];
  const cities: string[] = [];
  const nameIsLatinAfterHan = (p: Part, i: number) => /^[A-Za-z]+$/.test(p.text) && i > 0 && parts[i - 1] === name && HAN.test(name.text) && /\s/.test(clean);
  parts.forEach((p, i) => {
    if (p === name) return;
    if (p.kind === 'city') cities.push(p.text);
    else if (p.kind === 'role') roles.push(p.role!);
    else if (p.kind === 'split') { company.push(p.rest!); roles.push(p.role!); }
    // An English name after the Chinese one (`楼鸣 Robin 8194`) and long numbers are not a company.
    else if (!nameIsLatinAfterHan(p, i) && !/^\d{4,}$/.test(p.text)) company.push(p.text);
  });
  nick.company = company.length ? company.join('-') : null;
  nick.role = roles.length ? roles.join('-') : null;
  nick.city = cities[0] ?? (company.length ? cityPrefix(company[0]!) : null);
  return nick;
}

/** The part of a name compared across nicknames: lower case, a Latin tail after a Chinese name dropped (程琳Wa -> 程琳). */
export function nameKey(name: string): string {
  const n = name.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
  const m = /^(\p{Script=Han}{2,4})[a-z]+$/u.exec(n);
  return m ? m[1]! : n;
}

/** Whether sharing this name is, on its own, good evidence of being one person (a full Chinese name or a rare handle). */
export function distinctiveName(key: string): boolean {
  if (personLike(key) && key.length >= 2) return !'老小阿'.includes(key[0]!);
  if (/^\p{Script=Han}+$/u.test(key)) return key.length >= 4;
  if (/^[a-z][a-z0-9]*$/.test(key)) return key.length >= 6 && !COMMON_LATIN.has(key);
  return false;
}

/** A URL-safe, readable slug that keeps CJK (`/people/珞珈/`), bounded in length (slug.ts). */
export function speakerSlug(name: string): string {
  return boundSlug(name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_+~.·,，、]+/g, '-')
    .replace(/[^\p{L}\p{N}\p{M}-]/gu, '')
    .replace(/-{2,}/g, '-')
    .replace(/^-|-$/g, ''));
}

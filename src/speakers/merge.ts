// Which nicknames belong to one person. Conservative on purpose: a wrong merge puts words in someone
// else's mouth, a missed one only splits a profile. Evidence, each requiring the same name part:
//  (a) overlapping companies (胡桥-资邦金服-账务核心业务架构 / 胡桥-资邦金服-财务核心);
//  (b) the exporter wrote one message under both nicknames (a duplicate pair);
//  (c) a distinctive name (a full Chinese name or a rare handle) whose nicknames agree on company and city,
//      so a bare 李秀刚 joins 李秀刚-厦门投融汇CTO, but two different companies keep bare 田浩沛 apart;
//  (d) the chat mentions the person by another nickname (@无缺-数心-开发 while 无缺-杭州-后端 talks).
import type { Nickname } from '../model/types.ts';
import { distinctiveName, nameKey } from './nickname.ts';

export class UnionFind {
  private parent = new Map<string, string>();
  find(x: string): string {
    let p = this.parent.get(x) ?? x;
    if (p === x) return x;
    p = this.find(p);
    this.parent.set(x, p);
    return p;
  }
  union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    // The lexically smaller root wins, so the result does not depend on the order of evidence.
    if (ra !== rb) ra < rb ? this.parent.set(rb, ra) : this.parent.set(ra, rb);
  }
}

/** Nicknames that never merge with anyone: the exporter, the nameless, raw WeChat ids. */
export function unmergeable(key: string): boolean {
  return key === '' || key === '我' || /^wxid_/i.test(key);
}

function companyKey(c: string): string {
  return c.normalize('NFKC').toLowerCase().replace(/有限公司|公司|[-\s]/g, '');
}

export function companiesOverlap(a: string | null, b: string | null): boolean {
  if (!a || !b) return false;
  const x = companyKey(a);
  const y = companyKey(b);
  return x.length >= 2 && y.length >= 2 && (x.includes(y) || y.includes(x));
}

/** Evidence (a) and (c) over all distinct nicknames; keys are normalised display names. */
export function mergeByName(nicks: Map<string, Nickname>, uf: UnionFind, pairs: Set<string>): void {
  const byName = new Map<string, string[]>();
  for (const [key, n] of nicks) {
    if (unmergeable(key)) continue;
    const k = nameKey(n.name);
    if (k.length < 2 && !/^\p{Script=Han}$/u.test(k)) continue;
    (byName.get(k) ?? byName.set(k, []).get(k)!).push(key);
  }
  for (const [name, keys] of byName) {
    if (keys.length < 2) continue;
    for (let i = 0; i < keys.length; i++) {
      for (let j = i + 1; j < keys.length; j++) {
        const a = nicks.get(keys[i]!)!;
        const b = nicks.get(keys[j]!)!;
        if (companiesOverlap(a.company, b.company) || pairs.has(pairKey(keys[i]!, keys[j]!))) uf.union(keys[i]!, keys[j]!);
      }
    }
    if (!distinctiveName(name)) continue;
    // (c): every company must overlap every other, and at most one city.
    const companies = keys.map((k) => nicks.get(k)!.company).filter((c): c is string => !!c);
    const cities = new Set(keys.map((k) => nicks.get(k)!.city).filter(Boolean));
    const agree = companies.every((c, i) => companies.every((d, j) => i === j || companiesOverlap(c, d)));
    if (agree && cities.size <= 1) for (const k of keys.slice(1)) uf.union(keys[0]!, k);
  }
}

export function pairKey(a: string, b: string): string {
  return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
}

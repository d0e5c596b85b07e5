// Query parsing and exact matching. A query is a list of terms: quoted phrases ("..." “...” 「...」) and
// whitespace-separated words. A message matches a term when its normalized text contains it (Latin terms at
// word boundaries; a phrase with its inner spaces matching any run of whitespace).
import { findTerm, isAlnum, normalize, termPattern, type Vocabulary } from '../text/tokenize.ts';

export interface QueryTerm {
  /** Normalized text of the term (a phrase keeps single spaces between its words). */
  text: string;
  phrase: boolean;
  /** A glossary term or alias: the index holds it whole, one posting list is its exact answer. */
  vocab: boolean;
  /** Tokens every matching text holds (candidate retrieval); empty: the term cannot be looked up. */
  tokens: string[];
}

const QUOTES = /"([^"]*)"|“([^”]*)”|「([^」]*)」|『([^』]*)』/g;
const HAS_CONTENT = /[\p{L}\p{N}]/u;

export function parseQuery(q: string, vocabulary: Vocabulary = []): QueryTerm[] {
  const out: QueryTerm[] = [];
  const seen = new Set<string>();
  const add = (raw: string, phrase: boolean) => {
    const text = normalize(raw).replace(/\s+/g, ' ').trim();
    if (!text || !HAS_CONTENT.test(text) || seen.has(text)) return;
    seen.add(text);
    const isPhrase = phrase && text.includes(' ');
    const vocab = !isPhrase && vocabulary.some((w) => normalize(w).trim() === text);
    const tokens = vocab ? [text] : [...new Set(text.split(' ').flatMap((w) => termPattern(w).tokens.map((t) => t.token)))];
    out.push({ text, phrase: isPhrase, vocab, tokens });
  };
  const rest = q.replace(QUOTES, (_m, a, b, c, d) => {
    add(a ?? b ?? c ?? d ?? '', true);
    return ' ';
  });
  for (const w of rest.split(/\s+/)) add(w.replace(/["“”「」『』]/g, ''), false);
  return out;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** [start, end) ranges of a term's occurrences in a normalized text. */
export function termRanges(lowerText: string, term: QueryTerm): [number, number][] {
  if (!term.phrase) return findTerm(lowerText, term.text).map((i) => [i, i + term.text.length]);
  const re = new RegExp(term.text.split(' ').map(escapeRe).join('\\s+'), 'g');
  const out: [number, number][] = [];
  const left = isAlnum(term.text[0]);
  const right = isAlnum(term.text[term.text.length - 1]);
  for (let m = re.exec(lowerText); m; m = re.exec(lowerText)) {
    const s = m.index;
    const e = s + m[0].length;
    if ((!left || !isAlnum(lowerText[s - 1])) && (!right || !isAlnum(lowerText[e]))) out.push([s, e]);
    else re.lastIndex = s + 1;
  }
  return out;
}

/** Merges overlapping ranges (for highlighting several terms in one text). */
export function mergeRanges(ranges: [number, number][]): [number, number][] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const out: [number, number][] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}

// The exact matcher of one query term over token postings: which messages hold the term and how often. The one
// implementation, shared by the search client (postings fetched from the token shards) and the builder computing
// the result heads (postings still in memory, src/search/head-build.ts), so a head cannot drift from the answer
// the client computes without it. Pure: postings in, term frequencies and the candidates the text must decide out.
//
// A glossary term, a lone Latin word or number and a term of CJK characters and Latin pieces are exact from token
// offsets alone. Only a term with other characters (T+0, a quoted phrase) or a match in a message's far tail
// (offsets from FAR on are not stored) is left to the text: `check`, confirmed with `textMatches`.
import { LATIN_WORD_WHOLE, normalize, termPattern } from '../text/tokenize.ts';
import { termRanges, type QueryTerm } from './query.ts';
import { POS } from './format.ts';

const FAR = POS - 1;

/**
 * One token's postings grouped by message: the ascending posting ids (`ord * POS + offset`, src/search/format.ts)
 * seen as message ordinal -> offsets. Built in one pass over the ids into two typed arrays, so looking a message
 * up is a binary search and no map of the (possibly tens of thousands of) messages is ever made.
 */
export class TokenPostings {
  /** Distinct message ordinals, ascending. */
  readonly ords: Float64Array;
  /** Index in `ids` of each ordinal's first id; one more entry, the end. */
  private readonly starts: Uint32Array;

  constructor(private readonly ids: ArrayLike<number>) {
    let n = 0;
    let last = -1;
    for (let i = 0; i < ids.length; i++) {
      const o = Math.floor(ids[i]! / POS);
      if (o !== last) { n++; last = o; }
    }
    this.ords = new Float64Array(n);
    this.starts = new Uint32Array(n + 1);
    last = -1;
    let k = 0;
    for (let i = 0; i < ids.length; i++) {
      const o = Math.floor(ids[i]! / POS);
      if (o !== last) {
        this.ords[k] = o;
        this.starts[k++] = i;
        last = o;
      }
    }
    this.starts[n] = ids.length;
  }

  /** Messages holding the token. */
  get size(): number {
    return this.ords.length;
  }

  /** How many offsets the k-th message has. */
  countAt(k: number): number {
    return this.starts[k + 1]! - this.starts[k]!;
  }

  /** The k-th message's offsets, ascending (FAR for the tail). */
  offsetsAt(k: number): number[] {
    const out: number[] = [];
    for (let i = this.starts[k]!; i < this.starts[k + 1]!; i++) out.push(this.ids[i]! % POS);
    return out;
  }

  /** Index of message `ord`, or -1. */
  find(ord: number): number {
    let lo = 0;
    let hi = this.ords.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const v = this.ords[mid]!;
      if (v === ord) return mid;
      if (v < ord) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }
}

/** The tokens whose postings `matchPostings` reads for a term. */
export function matchTokens(term: QueryTerm): string[] {
  if (term.vocab) return [term.text];
  if (term.phrase) return term.tokens;
  const pat = termPattern(term.text);
  const distinct = [...new Set(pat.tokens.map((t) => t.token))];
  // A single Latin word with joiners (t+0): an occurrence of the whole word confirms a match at its offset.
  if (!pat.complete && LATIN_WORD_WHOLE.test(term.text) && !distinct.includes(term.text)) distinct.push(term.text);
  return distinct;
}

export interface PostingsMatch {
  /** Message ordinal -> term frequency, for the messages the postings decide. */
  tf: Map<number, number>;
  /** Messages only their text can decide (`textMatches`). */
  check: Set<number>;
}

/** A term's matches from the postings of `matchTokens(term)` (`postingsOf` gives each one). */
export function matchPostings(term: QueryTerm, postingsOf: (token: string) => TokenPostings): PostingsMatch {
  const tf = new Map<number, number>();
  const check = new Set<number>();
  if (term.vocab) {
    const p = postingsOf(term.text);
    for (let k = 0; k < p.size; k++) tf.set(p.ords[k]!, p.countAt(k));
    return { tf, check };
  }
  if (term.phrase) {
    // Words apart by any whitespace: candidates hold every word's tokens; the text decides.
    const lists = term.tokens.map(postingsOf).sort((a, b) => a.size - b.size);
    const first = lists[0];
    for (let k = 0; first && k < first.size; k++) {
      const o = first.ords[k]!;
      if (lists.every((l) => l.find(o) >= 0)) check.add(o);
    }
    return { tf, check };
  }
  const pat = termPattern(term.text);
  const lists = new Map(matchTokens(term).map((t) => [t, postingsOf(t)] as const));
  const whole = !pat.complete && LATIN_WORD_WHOLE.test(term.text) ? lists.get(term.text)! : null;
  const driver = [...pat.tokens].sort((a, b) => lists.get(a.token)!.size - lists.get(b.token)!.size)[0];
  if (!driver) return { tf, check };
  const dList = lists.get(driver.token)!;
  const len = term.text.length;
  const single = pat.complete && pat.tokens.length === 1;
  for (let k = 0; k < dList.size; k++) {
    const o = dList.ords[k]!;
    // One token that is the whole term (a 2-character CJK term, a lone Latin word): present means matched.
    if (single) {
      tf.set(o, dList.countAt(k));
      continue;
    }
    const dOffs = dList.offsetsAt(k);
    const per: number[][] = [];
    let all = true;
    for (const t of pat.tokens) {
      const l = lists.get(t.token)!;
      const j = t.token === driver.token ? k : l.find(o);
      if (j < 0) { all = false; break; }
      per.push(t.token === driver.token ? dOffs : l.offsetsAt(j));
    }
    if (!all) continue;
    // Side by side below the far tail (offsets from FAR on are unknown): a sure match.
    const starts = dOffs.map((x) => x - driver.offset)
      .filter((p) => p >= 0 && pat.tokens.every((t, i) => p + t.offset < FAR && per[i]!.includes(p + t.offset)));
    if (!starts.length) {
      // None, but the term may sit in a long message's tail: the text decides.
      if (per.some((x) => x[x.length - 1] === FAR)) check.add(o);
      continue;
    }
    if (whole) {
      const j = whole.find(o);
      const w = j < 0 ? null : whole.offsetsAt(j);
      if (!w || !starts.every((p) => w.includes(p))) {
        check.add(o);
        continue;
      }
    }
    // Non-overlapping occurrences, as the text scan counts them.
    let n = 0;
    let end = -1;
    for (const p of starts) if (p >= end) {
      n++;
      end = p + len;
    }
    tf.set(o, n);
  }
  return { tf, check };
}

/** How often a term occurs in a message's text (what decides the candidates in `check`); 0: no match. */
export function textMatches(term: QueryTerm, text: string): number {
  return termRanges(normalize(text), term).length;
}

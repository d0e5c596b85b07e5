// The one tokenizer shared by the index builder, the browser client, the CLI and lexical similarity.
// Pure and dependency-free, so the very same code runs in Node and in the browser bundle.
//
// Chinese has no spaces and Intl.Segmenter cuts domain terms badly (分录流水 -> 分|录|流水), so besides its
// words we emit tokens that do not depend on the context a term sits in: CJK character bigrams, Latin
// words and numbers kept whole (ERR, maxwell, T+0, D0) plus their alphanumeric pieces, and glossary terms
// found as substrings. A term's bigrams and pieces are present in every text containing the term, which is
// what lets search be exact (candidates by tokens, then a substring check).

/** Words kept whole (glossary terms and aliases), any case. */
export type Vocabulary = readonly string[];

const CJK_CHAR = /[\u3400-\u9fff\uf900-\ufaff]/;
const CJK_RUN = /[\u3400-\u9fff\uf900-\ufaff]+/g;
const CJK_CHARS = /[\u3400-\u9fff\uf900-\ufaff]/g;
/** A Latin word or number, with inner joiners kept: t+0, v1.2.3, order_id, a-b. */
const LATIN_WORD = /[a-z0-9\u00c0-\u024f]+(?:[+\-._@&][a-z0-9\u00c0-\u024f]+)*/g;
/** A whole string that is one Latin word (the query side of LATIN_WORD). */
export const LATIN_WORD_WHOLE = new RegExp(`^(?:${LATIN_WORD.source})$`);
const LATIN_PIECE = /[a-z0-9\u00c0-\u024f]+/g;
const ALNUM = /[a-z0-9\u00c0-\u024f]/;
const LATIN_LETTER = /[a-z\u00c0-\u024f]/;

/** The normal form every comparison uses. Lower-casing only, so offsets stay valid for highlighting. */
export function normalize(text: string): string {
  return text.toLowerCase();
}

/** Whether a character counts as a Latin letter or digit (a term must not cut through such a run). */
export function isAlnum(ch: string | undefined): boolean {
  return ch !== undefined && ALNUM.test(ch);
}

/**
 * Offsets of the non-overlapping occurrences of `term` (normalized) in `text` (normalized). A term that starts
 * or ends with a Latin letter/digit only matches at a Latin word boundary, so `err` does not match `error`
 * and `t+0` does not match `t+01`; CJK has no such boundary and matches as a substring.
 */
export function findTerm(text: string, term: string): number[] {
  const out: number[] = [];
  if (!term) return out;
  const leftEdge = isAlnum(term[0]);
  const rightEdge = isAlnum(term[term.length - 1]);
  let i = text.indexOf(term);
  while (i >= 0) {
    const end = i + term.length;
    const okLeft = !leftEdge || !isAlnum(text[i - 1]);
    const okRight = !rightEdge || !isAlnum(text[end]);
    if (okLeft && okRight) {
      out.push(i);
      i = text.indexOf(term, end);
    } else i = text.indexOf(term, i + 1);
  }
  return out;
}

export interface TokenParts {
  /** Vocabulary entries found in the text, one per occurrence, normalized. */
  vocab: string[];
  /** Intl.Segmenter words that are not Latin (Latin words come from `latin`). */
  words: string[];
  /** Latin words/numbers kept whole, then their alphanumeric pieces when different. */
  latin: string[];
  /** CJK character bigrams within each run of CJK characters. */
  bigrams: string[];
}

let segmenter: Intl.Segmenter | null = null;

function segmenterWords(lower: string): string[] {
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  const out: string[] = [];
  for (const s of segmenter.segment(lower)) {
    if (!s.isWordLike) continue;
    // Latin words and numbers are handled by the Latin rule, which keeps T+0 and v1.2 whole.
    if (!CJK_CHAR.test(s.segment) && isAlnum(s.segment[0])) continue;
    out.push(s.segment);
  }
  return out;
}

/**
 * Latin words and numbers kept whole, in order (t+0, v1.2.3, order_id, maxwell): the one Latin word rule of the
 * index, the browser, threads and the ask vectors. `lower` is normalized.
 */
export function latinWords(lower: string): string[] {
  return lower.match(LATIN_WORD) ?? [];
}

/** Whether a Latin word holds a letter (a bare number or version says little about a conversation). */
export function hasLatinLetter(word: string): boolean {
  return LATIN_LETTER.test(word);
}

/** Whether a UTF-16 code unit is a CJK character: runs of them make the bigrams (cjkBigrams reads the same set). */
export function isCjkCode(c: number): boolean {
  return (c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff);
}

export function latinTokens(lower: string): string[] {
  const out: string[] = [];
  for (const w of latinWords(lower)) {
    out.push(w);
    const pieces = w.match(LATIN_PIECE) ?? [];
    if (pieces.length > 1) out.push(...pieces);
  }
  return out;
}

/** Latin pieces only: what every text containing a Latin term is guaranteed to contain. */
export function latinPieces(lower: string): string[] {
  return lower.match(LATIN_PIECE) ?? [];
}

export function cjkBigrams(lower: string): string[] {
  const out: string[] = [];
  for (const r of lower.match(CJK_RUN) ?? []) {
    const chars = [...r];
    for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  }
  return out;
}

/** Vocabulary prepared once: normalized, unique, longest first. */
export function prepareVocabulary(vocabulary: Vocabulary): string[] {
  return [...new Set(vocabulary.map((w) => normalize(w).trim()).filter(Boolean))].sort((a, b) => b.length - a.length);
}

function vocabTokens(lower: string, vocabulary: Vocabulary): string[] {
  const out: string[] = [];
  for (const w of vocabulary) {
    const t = normalize(w).trim();
    if (!t || !lower.includes(t)) continue;
    for (let n = findTerm(lower, t).length; n > 0; n--) out.push(t);
  }
  return out;
}

export function tokenParts(text: string, vocabulary: Vocabulary = [], opts: { words?: boolean } = {}): TokenParts {
  const lower = normalize(text);
  return {
    vocab: vocabTokens(lower, vocabulary),
    words: opts.words === false ? [] : segmenterWords(lower),
    latin: latinTokens(lower),
    bigrams: cjkBigrams(lower),
  };
}

/**
 * All tokens of a text, one per occurrence (so counts can feed TF-IDF): glossary terms, Segmenter words,
 * Latin words and numbers (whole, then pieces), CJK bigrams.
 */
export function tokenize(text: string, vocabulary: Vocabulary = []): string[] {
  const p = tokenParts(text, vocabulary);
  return [...p.vocab, ...p.words, ...p.latin, ...p.bigrams];
}

/**
 * The tokens the search index stores for a text: the context-free kinds only (glossary terms, Latin words and
 * pieces, CJK bigrams, and CJK characters for one-character queries), unique. Segmenter words are left out: a query term's Segmenter words depend on the
 * text around it, so they could never be required of a match, and they would only grow the index.
 */
export function indexTokens(text: string, vocabulary: Vocabulary = []): string[] {
  const p = tokenParts(text, vocabulary, { words: false });
  const unigrams = normalize(text).match(CJK_CHARS) ?? [];
  return [...new Set([...p.vocab, ...p.latin, ...p.bigrams, ...unigrams])];
}

/** Whether a token is a lone CJK character (such tokens live in their own index shards; only one-character queries need them). */
export function isUnigram(token: string): boolean {
  return token.length <= 2 && [...token].length === 1 && CJK_CHAR.test(token);
}

/**
 * Tokens that every text containing `term` (normalized) is guaranteed to hold: the term itself when it is a
 * vocabulary entry (one posting list, already exact up to the Latin boundary check), else its CJK bigrams
 * and Latin pieces (a lone CJK character: the character). Empty for punctuation only.
 */
export function requiredTokens(term: string, vocabulary: Vocabulary = []): string[] {
  const t = normalize(term).trim();
  if (vocabulary.some((w) => normalize(w).trim() === t)) return [t];
  const tokens = [...new Set([...latinPieces(t), ...cjkBigrams(t)])];
  // A lone CJK character has no bigram: fall back to the character itself.
  if (!tokens.length) {
    const ch = t.match(CJK_CHARS);
    if (ch) tokens.push(...new Set(ch));
  }
  return tokens;
}

/**
 * The index's tokens of a text with the offsets (in the normalized text) where each occurs: the tokens of
 * `indexTokens`, in the same kinds. Offsets let a query check that a longer term's bigrams and pieces sit side
 * by side (exact without the text) and give term frequencies.
 */
export function indexTokenPositions(text: string, vocabulary: Vocabulary = []): Map<string, number[]> {
  const lower = normalize(text);
  const out = new Map<string, number[]>();
  const put = (tok: string, at: number) => {
    const a = out.get(tok);
    if (a) a.push(at);
    else out.set(tok, [at]);
  };
  for (const w of vocabulary) {
    const t = normalize(w).trim();
    if (t && lower.includes(t)) for (const at of findTerm(lower, t)) put(t, at);
  }
  for (const m of lower.matchAll(LATIN_WORD)) {
    put(m[0], m.index);
    const pieces = [...m[0].matchAll(LATIN_PIECE)];
    if (pieces.length > 1) for (const p of pieces) put(p[0], m.index + p.index);
  }
  for (const m of lower.matchAll(CJK_RUN)) {
    // CJK_RUN is BMP only, so UTF-16 offsets and characters coincide.
    const r = m[0];
    for (let i = 0; i < r.length; i++) {
      put(r[i]!, m.index + i);
      if (i + 1 < r.length) put(r[i]! + r[i + 1]!, m.index + i);
    }
  }
  return out;
}

/** One token of a term with its offset in the term. */
export interface TermToken {
  token: string;
  offset: number;
}

/**
 * How a term (normalized, no spaces) is found in the index from token offsets alone: its alphanumeric pieces
 * (whole maximal runs, as the index stores them), the bigrams of its CJK runs (a lone CJK character: the
 * character), each at its offset in the term. `complete` when those tokens cover every character of the term,
 * so that finding all of them side by side IS finding the term; otherwise (joiners, punctuation, other scripts)
 * a match found that way must still be checked against the text.
 */
export function termPattern(term: string): { tokens: TermToken[]; complete: boolean } {
  const tokens: TermToken[] = [];
  let covered = 0;
  for (const m of term.matchAll(LATIN_PIECE)) {
    tokens.push({ token: m[0], offset: m.index });
    covered += m[0].length;
  }
  for (const m of term.matchAll(CJK_RUN)) {
    const r = m[0];
    covered += r.length;
    if (r.length === 1) tokens.push({ token: r, offset: m.index });
    for (let i = 0; i + 1 < r.length; i++) tokens.push({ token: r[i]! + r[i + 1]!, offset: m.index + i });
  }
  return { tokens, complete: covered === term.length };
}

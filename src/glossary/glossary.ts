// Curated glossary: content/glossary/<slug>.md (front matter: term, aliases, topics, related, sources;
// body: the definition in markdown). Pure: parsing, matching terms in text, linking terms to threads.
import matter from 'gray-matter';
import { TermsMatcher } from './terms-matcher.ts';
import type { Day, Term, Thread } from '../model/types.ts';

export interface GlossaryEntry {
  term: Term;
  /** Message ids `<group>/<date>/<seq>` the definition is drawn from (front matter `sources`). */
  sources: string[];
}

const list = (v: unknown): string[] => (Array.isArray(v) ? v.map((x) => String(x).trim()).filter(Boolean) : typeof v === 'string' && v.trim() ? [v.trim()] : []);

export function parseGlossaryEntry(file: string, source: string): GlossaryEntry {
  const fm = matter(source);
  const d = fm.data as Record<string, unknown>;
  const slug = file.replace(/^.*\//, '').replace(/\.md$/, '');
  const term = String(d.term ?? slug).trim();
  // The term itself may be a pair such as 内部账户/外部账户; each half is then matched as an alias too.
  const aliases = [...new Set([...list(d.aliases), ...(term.includes('/') ? term.split('/').map((s) => s.trim()) : [])])].filter((a) => a && a !== term);
  return {
    term: { slug, term, aliases, topics: list(d.topics), related: list(d.related), body: fm.content.trim(), threadIds: [] },
    sources: list(d.sources),
  };
}

export function parseGlossaryFile(file: string, source: string): Term {
  return parseGlossaryEntry(file, source).term;
}

/** The strings that stand for a term in text: the term (unless it is a pair like A/B) and its aliases. */
export function termWords(t: Term): string[] {
  return [...new Set([t.term, ...t.aliases].filter((w) => w && !(w.includes('/') && w === t.term)))];
}

export interface TermSpan {
  start: number;
  end: number;
  slug: string;
}

/** Glossary words prepared for matching many texts: longest first, and one matcher over them. */
export interface CompiledTermWords {
  /** Longest first (ties in glossary order); `pattern` indexes matcher.patterns. */
  words: { pattern: number; slug: string }[];
  matcher: TermsMatcher;
}

export function compileTermWords(terms: Term[]): CompiledTermWords {
  const patterns: string[] = [];
  const index = new Map<string, number>();
  const words = terms
    .flatMap((t) => termWords(t).map((w) => ({ w: w.toLowerCase(), slug: t.slug })))
    .sort((a, b) => b.w.length - a.w.length)
    .map(({ w, slug }) => {
      let pattern = index.get(w);
      if (pattern === undefined) { pattern = patterns.length; patterns.push(w); index.set(w, pattern); }
      return { pattern, slug };
    });
  return { words, matcher: new TermsMatcher(patterns) };
}

const compiledLists = new WeakMap<Term[], CompiledTermWords>();
/** compileTermWords, once per term list: a page renders thousands of message pieces against the same list. */
export function compiledTermWords(terms: Term[]): CompiledTermWords {
  let c = compiledLists.get(terms);
  if (!c) compiledLists.set(terms, (c = compileTermWords(terms)));
  return c;
}

/**
 * Non-overlapping occurrences of glossary terms and aliases in a text, longest match first (for linking):
 * one pass of the matcher finds every occurrence, then longer words claim their characters first.
 */
export function termSpansWith(text: string, c: CompiledTermWords): TermSpan[] {
  const lower = text.toLowerCase();
  // Starts of each pattern found, ascending (the matcher reports a pattern's occurrences left to right).
  const at = new Map<number, number[]>();
  c.matcher.scan(lower, (p, start) => { const a = at.get(p); if (a) a.push(start); else at.set(p, [start]); });
  if (at.size === 0) return [];
  const taken = new Uint8Array(text.length);
  const spans: TermSpan[] = [];
  for (const { pattern, slug } of c.words) {
    const starts = at.get(pattern);
    if (!starts) continue;
    const len = c.matcher.patterns[pattern]!.length;
    for (const i of starts) {
      if (isInsideLatinWord(lower, i, len)) continue;
      if (taken.subarray(i, i + len).some(Boolean)) continue;
      taken.fill(1, i, i + len);
      spans.push({ start: i, end: i + len, slug });
    }
  }
  return spans.sort((a, b) => a.start - b.start);
}

// A Latin term (canal, otter) must not match inside a longer Latin word (canals, potter); CJK has no such edges.
function isInsideLatinWord(text: string, i: number, len: number): boolean {
  const alnum = /[a-z0-9]/;
  const first = text[i];
  const last = text[i + len - 1];
  return (alnum.test(first!) && i > 0 && alnum.test(text[i - 1]!)) || (alnum.test(last!) && i + len < text.length && alnum.test(text[i + len]!));
}

/** Fills Term.threadIds with the threads whose text mentions the term or an alias (same matching as termSpansWith). */
export function linkTerms(terms: Term[], threads: Thread[], days: Day[]): void {
  const dayById = new Map(days.map((d) => [d.id, d]));
  for (const t of terms) t.threadIds = [];
  const bySlug = new Map(terms.map((t) => [t.slug, t]));
  const compiled = compileTermWords(terms);
  for (const th of threads) {
    const day = dayById.get(th.day);
    if (!day) continue;
    const text = th.seqs.map((s) => day.messages[s - 1]?.text ?? '').join('\n');
    const found = new Set(termSpansWith(text, compiled).map((s) => s.slug));
    for (const slug of found) bySlug.get(slug)!.threadIds.push(th.id);
  }
}

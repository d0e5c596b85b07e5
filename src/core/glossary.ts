// Curated glossary: content/glossary/<slug>.md. PROVISIONAL.
import matter from 'gray-matter';
import type { Term } from './types.ts';

export function parseGlossaryFile(file: string, source: string): Term {
  const fm = matter(source);
  const d = fm.data as Record<string, unknown>;
  const slug = file.replace(/^.*\//, '').replace(/\.md$/, '');
  const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : []);
  return { slug, term: String(d.term ?? slug), aliases: list(d.aliases), topics: list(d.topics), related: list(d.related), body: fm.content.trim(), threadIds: [] };
}

export interface TermSpan {
  start: number;
  end: number;
  slug: string;
}

/** Non-overlapping occurrences of glossary terms and aliases in a text, longest match first (for linking). */
export function termSpans(text: string, terms: Term[]): TermSpan[] {
  const words = terms
    .flatMap((t) => [t.term, ...t.aliases].filter(Boolean).map((w) => ({ w: w.toLowerCase(), slug: t.slug })))
    .sort((a, b) => b.w.length - a.w.length);
  const lower = text.toLowerCase();
  const taken = new Uint8Array(text.length);
  const spans: TermSpan[] = [];
  for (const { w, slug } of words) {
    for (let i = lower.indexOf(w); i >= 0; i = lower.indexOf(w, i + w.length)) {
      if (taken.subarray(i, i + w.length).some(Boolean)) continue;
      taken.fill(1, i, i + w.length);
      spans.push({ start: i, end: i + w.length, slug });
    }
  }
  return spans.sort((a, b) => a.start - b.start);
}

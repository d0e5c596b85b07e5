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

// Topic tagging against the taxonomy in content/topics.yaml (maintainers edit the file, not this code).
// A topic scores by how often its terms occur in a thread; longer terms are more specific and weigh more;
// repeated mentions add with diminishing returns so one chatty speaker does not decide a thread's topic.
import { TermsMatcher } from '../glossary/terms-matcher.ts';
import type { Topic, TopicScore } from '../model/types.ts';

/** Minimum score to tag a thread at all, and share of the best topic a runner-up needs. */
const MIN_SCORE = 1;
const RELATIVE = 0.35;
const MAX_TOPICS = 3;

/** A taxonomy prepared for scoring many texts: each topic's distinct terms as pattern indices of one matcher. */
export interface CompiledTopics {
  topics: { slug: string; terms: { pattern: number; specificity: number }[] }[];
  matcher: TermsMatcher;
}

export function compileTopics(topics: Topic[]): CompiledTopics {
  const patterns: string[] = [];
  const index = new Map<string, number>();
  const compiled = topics.map((t) => {
    const seen = new Set<string>();
    const terms: { pattern: number; specificity: number }[] = [];
    for (const raw of t.terms) {
      const term = String(raw).toLowerCase().trim();
      if (!term || seen.has(term)) continue;
      seen.add(term);
      let pattern = index.get(term);
      if (pattern === undefined) { pattern = patterns.length; patterns.push(term); index.set(term, pattern); }
      terms.push({ pattern, specificity: Math.min([...term].length, 4) / 2 });
    }
    return { slug: t.slug, terms };
  });
  return { topics: compiled, matcher: new TermsMatcher(patterns) };
}

/** Topics of a text, best first, each with a score; none when no term is frequent or specific enough. */
export function scoreTopics(text: string, topics: Topic[]): TopicScore[] {
  return scoreCompiledTopics(text, compileTopics(topics));
}

/** scoreTopics with the taxonomy compiled once (the archive scores every thread against the same one). */
export function scoreCompiledTopics(text: string, c: CompiledTopics): TopicScore[] {
  // Non-overlapping occurrences of each term, as repeated indexOf counts them.
  const counts = c.matcher.counts(text.toLowerCase());
  const scored = c.topics.map((t) => {
    let score = 0;
    // Summed in the taxonomy's term order: the rounding below must see the same floating-point sum.
    for (const { pattern, specificity } of t.terms) {
      const n = counts[pattern];
      if (n === 0) continue;
      score += specificity * Math.log2(1 + n!);
    }
    return { slug: t.slug, score: Math.round(score * 100) / 100 };
  });
  const best = Math.max(0, ...scored.map((s) => s.score));
  return scored
    .filter((s) => s.score >= MIN_SCORE && s.score >= RELATIVE * best)
    .sort((a, b) => b.score - a.score || a.slug.localeCompare(b.slug))
    .slice(0, MAX_TOPICS);
}

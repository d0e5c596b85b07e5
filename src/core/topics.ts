// Topic tagging against the taxonomy in content/topics.yaml (maintainers edit the file, not this code).
// A topic scores by how often its terms occur in a thread; longer terms are more specific and weigh more;
// repeated mentions add with diminishing returns so one chatty speaker does not decide a thread's topic.
import type { Topic, TopicScore } from './types.ts';

/** Minimum score to tag a thread at all, and share of the best topic a runner-up needs. */
const MIN_SCORE = 1;
const RELATIVE = 0.35;
const MAX_TOPICS = 3;

function occurrences(hay: string, needle: string): number {
  let n = 0;
  for (let i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + needle.length)) n++;
  return n;
}

/** Topics of a text, best first, each with a score; none when no term is frequent or specific enough. */
export function scoreTopics(text: string, topics: Topic[]): TopicScore[] {
  const lower = text.toLowerCase();
  const scored = topics.map((t) => {
    let score = 0;
    const seen = new Set<string>();
    for (const raw of t.terms) {
      const term = String(raw).toLowerCase().trim();
      if (!term || seen.has(term)) continue;
      seen.add(term);
      const n = occurrences(lower, term);
      if (n === 0) continue;
      const specificity = Math.min([...term].length, 4) / 2;
      score += specificity * Math.log2(1 + n);
    }
    return { slug: t.slug, score: Math.round(score * 100) / 100 };
  });
  const best = Math.max(0, ...scored.map((s) => s.score));
  return scored
    .filter((s) => s.score >= MIN_SCORE && s.score >= RELATIVE * best)
    .sort((a, b) => b.score - a.score || a.slug.localeCompare(b.slug))
    .slice(0, MAX_TOPICS);
}

// Topic tagging against the taxonomy in content/topics.yaml. PROVISIONAL.
import type { Topic, TopicScore } from './types.ts';

export function scoreTopics(text: string, topics: Topic[]): TopicScore[] {
  return topics
    .map((t) => ({ slug: t.slug, score: t.terms.reduce((n, term) => n + (text.includes(term) ? 1 : 0), 0) }))
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score);
}

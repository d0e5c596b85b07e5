// The off-topic family: social and chit-chat are one family (content/topics.yaml says why). Tagging keeps at most
// one of them per thread, coverage does not count them as a subject, and agreement treats them as one.

export const NO_TOPIC_FAMILY = ['chit-chat', 'social'] as const;

const FAMILY: ReadonlySet<string> = new Set(NO_TOPIC_FAMILY);

/** Whether `slug` is a topic of the off-topic family. */
export const isOffTopic = (slug: string | undefined): boolean => slug !== undefined && FAMILY.has(slug);

// Which threads have substance, measured on their text alone (not on the topics they got, so coverage cannot be
// raised by calling more threads chit-chat): three or more messages, of which at least two different ones say
// something in words (8+ characters by src/text/substance.ts). The rest is chit-chat by definition: likes,
// stickers, "板凳坐好", one-word replies, repeated "+1" messages. docs/topic-judgments.md explains the measure.
import { contentChars } from '../text/substance.ts';

export const SUBSTANTIVE_MESSAGES = 3;
/** Characters of words a message needs to count as saying something. */
export const CONTENT_CHARS = 8;
/** Different messages that must say something. */
export const CONTENT_MESSAGES = 2;

export function isSubstantive(texts: readonly string[]): boolean {
  if (texts.length < SUBSTANTIVE_MESSAGES) return false;
  const saying = new Set<string>();
  for (const t of texts) {
    if (contentChars(t) < CONTENT_CHARS) continue;
    saying.add(t.trim());
    if (saying.size >= CONTENT_MESSAGES) return true;
  }
  return false;
}

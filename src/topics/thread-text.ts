// The part of a thread the topic scorer reads: its messages' texts and speakers and the message it opens with.
import type { Day } from '../model/types.ts';
import type { ThreadText } from './evidence.ts';

/** seqs: the thread's message seqs; question: the seq of its question, if it has one. */
export function threadText(day: Day, seqs: readonly number[], question: number | null): ThreadText {
  const msgs = seqs.map((s) => day.messages[s - 1]).filter((m) => m !== undefined);
  const asked = question === null ? -1 : msgs.findIndex((m) => m.seq === question);
  return { texts: msgs.map((m) => m.plain), speakers: msgs.map((m) => m.speakerId), lead: Math.max(0, asked), asked: asked >= 0, seconds: msgs.map((m) => m.seconds) };
}

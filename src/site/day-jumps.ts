// The jump list of a busy day page: its threads in the order they start, each linking to its first message, so
// a reader of a 2,000-message day reaches a conversation without scrolling through the others. Pure.
import type { Day, Thread } from '../model/types.ts';
import { titleLabel } from '../model/labels.ts';

/**
 * A day page lists its threads from this many messages on: below it the whole day fits in a few screens and
 * the timeline legend is list enough.
 */
export const BUSY_DAY_MESSAGES = 60;

export interface ThreadJump {
  threadId: string;
  title: string;
  firstSeq: number;
  /** Time of its first message (HH:MM:SS). */
  start: string;
  count: number;
}

/** The day's listed threads (more than one message) in order of their first message; empty on a quiet day. */
export function jumpList(day: Day, listed: readonly Thread[], minMessages = BUSY_DAY_MESSAGES): ThreadJump[] {
  if (day.messages.length < minMessages || listed.length < 2) return [];
  return listed
    .map((t) => {
      const firstSeq = Math.min(...t.seqs);
      return { threadId: t.id, title: titleLabel(t.title), firstSeq, start: day.messages[firstSeq - 1]?.time ?? t.start, count: t.messageIds.length };
    })
    .sort((a, b) => a.firstSeq - b.firstSeq);
}

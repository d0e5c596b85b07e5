// Builds small hand-made Day objects for unit tests of threads, qa and topics.
import type { Day, Message } from '../../src/model/types.ts';
import { nameMatcher, parseInline } from '../../src/text/segments.ts';
import { plainOf } from '../../src/text/reading.ts';
import { secondsOfDay } from '../../src/text/time.ts';

export interface MsgSpec {
  time: string;
  who: string;
  text: string;
  mentions?: string[];
  quote?: { author: string; text: string };
  duplicateOf?: number;
  kind?: Message['kind'];
}

export function makeDay(specs: MsgSpec[], id = 'g/2020-01-01'): Day {
  const [group, date] = id.split('/');
  // Segments as the parser reads the text (mentions of the day's speakers and of the given names), so the reading
  // the stages share (Message.plain) is the one ingest would store.
  const names = nameMatcher(new Set(specs.flatMap((s) => [s.who, ...(s.mentions ?? [])])));
  const messages: Message[] = specs.map((s, i) => ({
    id: `${id}/${i + 1}`, day: id, seq: i + 1, line: i + 1, time: s.time, speaker: s.who, speakerId: s.who,
    raw: s.text, text: s.text, plain: plainOf(parseInline(s.text, names).segments), seconds: secondsOfDay(s.time),
    segments: [{ type: 'text', text: s.text }], links: [], images: [],
    mentions: s.mentions ?? [], mentionIds: (s.mentions ?? []).map((n) => n), emojis: [],
    kind: s.kind ?? (s.text ? 'text' : 'empty'), quote: s.quote ?? null, duplicateOf: s.duplicateOf ?? null, flags: [],
  }));
  return { id, group: group!, date: date!, file: `${group}/${date}-chat.markdown`, title: '', author: null, declaredLines: null, tags: [], messages };
}

/** The thread (list of seqs) that holds a seq. */
export const threadOf = (threads: number[][], seq: number) => threads.find((t) => t.includes(seq))!;

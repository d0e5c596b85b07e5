// Builds small hand-made Day objects for unit tests of threads, qa and topics.
import type { Day, Message } from '../../src/model/types.ts';

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
  const messages: Message[] = specs.map((s, i) => ({
    id: `${id}/${i + 1}`, day: id, seq: i + 1, line: i + 1, time: s.time, speaker: s.who, speakerId: s.who,
    raw: s.text, text: s.text, segments: [{ type: 'text', text: s.text }], links: [], images: [],
    mentions: s.mentions ?? [], mentionIds: (s.mentions ?? []).map((n) => n), emojis: [],
    kind: s.kind ?? (s.text ? 'text' : 'empty'), quote: s.quote ?? null, duplicateOf: s.duplicateOf ?? null, flags: [],
  }));
  return { id, group: group!, date: date!, file: `${group}/${date}-chat.markdown`, title: '', author: null, declaredLines: null, tags: [], messages };
}

/** The thread (list of seqs) that holds a seq. */
export const threadOf = (threads: number[][], seq: number) => threads.find((t) => t.includes(seq))!;

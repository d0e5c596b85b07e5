// Builds small hand-made Day objects for unit tests of threads, qa and topics.
import type { Day, Message } from '../../src/model/types.ts';
import { nameMatcher, parseInline } from '../../src/text/segments.ts';
import { plainOf } from '../../src/text/reading.ts';
import { secondsOfDay } from '../../src/text/time.ts';
import { dayRoster, resolveMention } from '../../src/speakers/mentions.ts';
import { parseNickname } from '../../src/speakers/nickname.ts';

/**
 * Whom written mentions name among a day's speakers, by the speaker stage's own resolution; in these hand-made days
 * a speaker's id is their name, as in makeDay.
 */
export function mentionIdsOf(mentions: readonly string[], speakers: Iterable<string>): (string | null)[] {
  const roster = dayRoster(speakers, parseNickname);
  return mentions.map((n) => resolveMention(n, roster)?.key ?? null);
}

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
  const speakers = specs.map((s) => s.who);
  const messages: Message[] = specs.map((s, i) => {
    const inline = parseInline(s.text, names);
    // Mentions as the parser reads them from the text, unless the spec names them.
    const mentions = s.mentions ?? inline.mentions;
    return {
      id: `${id}/${i + 1}`, day: id, seq: i + 1, line: i + 1, time: s.time, speaker: s.who, speakerId: s.who,
      raw: s.text, text: s.text, plain: plainOf(inline.segments), seconds: secondsOfDay(s.time),
      segments: [{ type: 'text', text: s.text }], links: [], images: [],
      mentions, mentionIds: mentionIdsOf(mentions, speakers), emojis: [],
      kind: s.kind ?? (s.text ? 'text' : 'empty'), quote: s.quote ?? null, duplicateOf: s.duplicateOf ?? null, flags: [],
    };
  });
  return { id, group: group!, date: date!, file: `${group}/${date}-chat.markdown`, title: '', author: null, declaredLines: null, tags: [], messages };
}

/** The thread (list of seqs) that holds a seq. */
export const threadOf = (threads: number[][], seq: number) => threads.find((t) => t.includes(seq))!;

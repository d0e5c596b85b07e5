// The one id grammar of the DESIGN contract (other tools rely on it): a day is `<group>/<YYYY-MM-DD>`,
// a message `<group>/<YYYY-MM-DD>/<seq>` (seq: 1-based position of its header line in the file), a thread
// `<group>/<YYYY-MM-DD>/t<seq of its first message>`. Every id is made and read here, so no module splits
// ids by hand. A group is a folder name and a date has no `/`, so the parts never contain one.
// Pure and dependency-free: the browser bundle uses it too.

export interface DayRef {
  /** The day id itself. */
  day: string;
  group: string;
  date: string;
}

export interface SeqRef extends DayRef {
  seq: number;
}

export const dayId = (group: string, date: string): string => `${group}/${date}`;
export const messageId = (day: string, seq: number): string => `${day}/${seq}`;
/** The thread's own path segment, `t<seq>` (its page is `/<group>/<date>/t<seq>/`). */
export const threadPart = (firstSeq: number): string => `t${firstSeq}`;
export const threadId = (day: string, firstSeq: number): string => `${day}/${threadPart(firstSeq)}`;

const DAY = /^([^/]+)\/([^/]+)$/;
const MESSAGE = /^([^/]+)\/([^/]+)\/(\d+)$/;
const THREAD = /^([^/]+)\/([^/]+)\/t(\d+)$/;

export function parseDayId(id: string): DayRef | null {
  const m = DAY.exec(id);
  return m ? { day: id, group: m[1]!, date: m[2]! } : null;
}

export function parseMessageId(id: string): SeqRef | null {
  const m = MESSAGE.exec(id);
  return m ? { day: `${m[1]}/${m[2]}`, group: m[1]!, date: m[2]!, seq: Number(m[3]) } : null;
}

export function parseThreadId(id: string): SeqRef | null {
  const m = THREAD.exec(id);
  return m ? { day: `${m[1]}/${m[2]}`, group: m[1]!, date: m[2]!, seq: Number(m[3]) } : null;
}

/** Like the parsers, for ids the archive itself made: a malformed one is a bug, so it throws. */
function must<T>(ref: T | null, kind: string, id: string): T {
  if (ref === null) throw new Error(`not a ${kind} id: ${JSON.stringify(id)}`);
  return ref;
}
export const dayRef = (id: string): DayRef => must(parseDayId(id), 'day', id);
export const messageRef = (id: string): SeqRef => must(parseMessageId(id), 'message', id);
export const threadRef = (id: string): SeqRef => must(parseThreadId(id), 'thread', id);

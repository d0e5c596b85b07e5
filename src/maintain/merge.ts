// `add --merge`: the union of two versions of a day, written in the exporter's layout. Pure.
//
// Every message of both versions is kept once (identity: ./identity.ts). Order: time order, with the
// existing version's messages never reordered among themselves and first on ties, so an existing message
// only moves down by the number of new messages that come before it. Each message is written as the
// exact lines it had in its own file (header, blank separator, body, blank separator), so the merged
// file reads as one export; the front matter is the existing version's, byte for byte.
import { compareDays, type DayComparison } from './compare.ts';
import type { Day, Message } from '../model/types.ts';

/** The exporter's blank line between a header, its body and the next header. */
export const SEPARATOR = '   ';

export interface MergedDay {
  source: string;
  /** existing seq -> seq in the merged file (every existing message is in it). */
  seqMap: Map<number, number>;
  /** Incoming-only messages and their seq in the merged file, in merged order. */
  added: { message: Message; seq: number }[];
  comparison: DayComparison;
}

interface Block {
  time: string;
  lines: string[];
  existingSeq: number | null;
  incoming: Message | null;
}

/** Lines of a source split on LF only, so CR stays with its line; the parser's line numbers index it. */
function rawLines(source: string): { lines: string[]; finalNewline: boolean } {
  const lines = source.split('\n');
  const finalNewline = lines.length > 1 && lines[lines.length - 1] === '';
  if (finalNewline) lines.pop();
  return { lines, finalNewline };
}

/** Each message's lines: from its header to the line before the next header (or the end). */
function blocksOf(day: Day, lines: string[]): string[][] {
  return day.messages.map((m, k) => {
    const next = day.messages[k + 1];
    return lines.slice(m.line - 1, next ? next.line - 1 : lines.length);
  });
}

export function mergeDays(existingSource: string, existing: Day, incomingSource: string, incoming: Day): MergedDay {
  const comparison = compareDays(existing.messages, incoming.messages);
  const ex = rawLines(existingSource);
  const inc = rawLines(incomingSource);
  const crlf = (ex.lines[0] ?? '').endsWith('\r');
  const eol = (l: string) => (crlf ? (l.endsWith('\r') ? l : l + '\r') : l.replace(/\r$/, ''));

  const exBlocks = blocksOf(existing, ex.lines);
  const incBlocks = blocksOf(incoming, inc.lines);
  const olds: Block[] = existing.messages.map((m, k) => ({ time: m.time, lines: exBlocks[k] ?? [], existingSeq: m.seq, incoming: null }));
  // The new messages in time order (stable: same-second ones keep their order); existing ones are never moved.
  const news: Block[] = comparison.onlyIncoming
    .map((m) => ({ time: m.time, lines: (incBlocks[m.seq - 1] ?? []).map(eol), existingSeq: null, incoming: m }))
    .sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));

  const merged: Block[] = [];
  let i = 0;
  let j = 0;
  while (i < olds.length || j < news.length) {
    const o = olds[i];
    const n = news[j];
    if (n && (!o || n.time < o.time)) { merged.push(n); j++; }
    else if (o) { merged.push(o); i++; }
  }

  const firstHeader = existing.messages[0]?.line;
  const out: string[] = ex.lines.slice(0, firstHeader === undefined ? ex.lines.length : firstHeader - 1);
  const seqMap = new Map<number, number>();
  const added: MergedDay['added'] = [];
  merged.forEach((b, k) => {
    const seq = k + 1;
    if (b.existingSeq !== null) seqMap.set(b.existingSeq, seq);
    if (b.incoming) added.push({ message: b.incoming, seq });
    const lines = [...b.lines];
    // A block that did not end with the blank separator (a file cut short) gets one before the next
    // header: the exporter always writes it, and a header right after body text reads as forged.
    const last = lines[lines.length - 1];
    if (k < merged.length - 1 && (last === undefined || last.trim() !== '')) lines.push(eol(SEPARATOR));
    out.push(...lines);
  });
  const source = out.join('\n') + (ex.finalNewline || merged.length ? '\n' : '');
  return { source, seqMap, added, comparison };
}

// Warnings about one day log that the parser cannot give: lines that look like headers but are not,
// a file cut short, times running backwards, an implausible size. Pure: a day's source and its parse in,
// located problems out. Each rule is its own function so that other checks can sit beside them.
import { HEADER, validTime } from '../parse.ts';
import { readFrontMatter } from '../frontmatter.ts';
import type { Day, Problem } from '../../model/types.ts';

/** More messages than any real group writes in a day (the busiest real day has ~2,000). */
export const MAX_PLAUSIBLE_MESSAGES = 20_000;

/** The parser's error for a malformed time (`> 9:05  x`); those lines are reported there, not here. */
const LOOSE_HEADER = /^\s*>\s*\d{1,2}\s*[:：]\s*\d{1,2}(?:\s*[:：]\s*\d{1,3})?(?:\s|$)/;
/** `>`, then something that starts like a time. */
const HEADER_LIKE = /^\s*>\s*\d{1,2}\s*[:：]\s*\d/;

function linesOf(source: string): string[] {
  const s = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  const lines = s.split(/\r?\n/);
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Which message a line (1-based) falls in, for "kept as text of message N". */
function ownerOf(day: Day, line: number): string {
  let owner: Day['messages'][number] | undefined;
  for (const m of day.messages) {
    if (m.line > line) break;
    owner = m;
  }
  return owner ? `message ${owner.seq} (line ${owner.line}, ${owner.time} ${owner.speaker || 'no name'})` : 'no message';
}

/**
 * `> 10:00:01x`, `> 10:00:02:03`: a header's start with something else after the time. The parser keeps
 * such a line as body text of the message above, so its words appear under the wrong speaker.
 */
export function headerLikeLines(file: string, lines: readonly string[], day: Day): Problem[] {
  const out: Problem[] = [];
  const start = readFrontMatter(lines).bodyStart;
  for (let i = start; i < lines.length; i++) {
    const l = lines[i] ?? '';
    if (!HEADER_LIKE.test(l) || HEADER.test(l) || LOOSE_HEADER.test(l)) continue;
    const shown = l.length > 40 ? l.slice(0, 40) + '…' : l;
    out.push({
      file, line: i + 1, severity: 'warning',
      message: `"${shown}" looks like a message header but is not one (a header is "> HH:MM:SS", spaces, the speaker); it is kept as text of ${ownerOf(day, i + 1)}`,
    });
  }
  return out;
}

/** The exporter ends every message with a blank line; a file that does not was cut short. */
export function cutShort(file: string, lines: readonly string[], day: Day): Problem[] {
  const lastIndex = lines.length - 1;
  const last = lines[lastIndex] ?? '';
  if (last.trim() === '' || (!day.messages.length && !last.trimStart().startsWith('>'))) return [];
  const line = lastIndex + 1;
  const lastMsg = day.messages[day.messages.length - 1];
  let message: string;
  if (lastMsg && lastMsg.line === line) message = `the file ends on the header of message ${lastMsg.seq}, with no body and no blank line after it: it looks cut short in the middle of a header`;
  else if (/^\s*>\s*\d{0,2}(\s*[:：]\s*\d{0,2}){0,2}\s*$/.test(last)) message = `the file ends with "${last}", a header cut short: the last message is missing`;
  else message = `the file ends inside ${ownerOf(day, line)} without the blank line the exporter ends every message with: it may be cut short`;
  return [{ file, line, severity: 'warning', message }];
}

/** One warning per day: how often a time is earlier than the one before it, and where it first happens. */
export function timesBackwards(file: string, day: Day): Problem[] {
  let count = 0;
  let first: { line: number; time: string; prev: string } | null = null;
  // A time out of range (29:21:03) is the parser's error already; it is not a step back or forward.
  const timed = day.messages.filter((m) => validTime(m.time));
  for (let k = 1; k < timed.length; k++) {
    const prev = timed[k - 1];
    const m = timed[k];
    if (!prev || !m || m.time >= prev.time) continue;
    count++;
    first ??= { line: m.line, time: m.time, prev: prev.time };
  }
  if (!first) return [];
  return [{
    file, line: first.line, severity: 'warning',
    message: `times run backwards ${count} time(s) in this day, first here (${first.time} after ${first.prev}): messages may be out of order or from two exports`,
  }];
}

export function implausibleSize(file: string, day: Day): Problem[] {
  if (day.messages.length <= MAX_PLAUSIBLE_MESSAGES) return [];
  return [{
    file, line: 1, severity: 'warning',
    message: `${day.messages.length} messages in one day is implausible (more than ${MAX_PLAUSIBLE_MESSAGES.toLocaleString('en-US')}): is this several days or a generated file?`,
  }];
}

/** Every warning of this module for one day log. */
export function dayWarnings(file: string, source: string, day: Day): Problem[] {
  const lines = linesOf(source);
  return [...headerLikeLines(file, lines, day), ...cutShort(file, lines, day), ...timesBackwards(file, day), ...implausibleSize(file, day)];
}

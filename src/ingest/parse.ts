// Day-log parser: front matter + `> HH:MM:SS  speaker` blocks. Pure: text in, ParsedDay out.
//
// Nothing is lost silently. Every line that matches HEADER becomes a message (even with an
// out-of-range time, which is also reported). A line that looks like a header but whose time is not
// HH:MM:SS (`> 9:05:01  x`, `> 09:05  x`) stays in the previous message's body as text AND is reported
// as an error, so `check` names it while the parse stays total. Text before the first header is
// reported as a warning.
import { readFrontMatter } from './frontmatter.ts';
import { decodeEntities, nameMatcher, parseBody } from '../text/segments.ts';
import { stripInvisible } from '../text/invisible.ts';
import { secondsOfDay } from '../text/time.ts';
import { markDuplicates } from './duplicates.ts';
import type { Day, Message, ParsedDay, Problem } from '../model/types.ts';
import { dayId as makeDayId, messageId } from '../model/ids.ts';
import { headerLayoutBreaks, POSSIBLY_QUOTED_HEADER } from './header-layout.ts';

/** A message header: `> HH:MM:SS`, then whitespace (two or three spaces) and the speaker, maybe empty. */
// `[^]*`, not `.*`: a stray CR or U+2028 inside a speaker name must not un-make the header.
export const HEADER = /^> (\d\d:\d\d:\d\d)(?:[ \t\u3000]+([^]*))?$/;
/** Looks like a header but the time is malformed: kept as text, reported. */
const LOOSE_HEADER = /^\s*>\s*\d{1,2}\s*[:：]\s*\d{1,2}(?:\s*[:：]\s*\d{1,3})?(?:\s|$)/;
/** `<group>/<YYYY-MM-DD>-chat.markdown`, the group being the parent folder. */
const FILE_NAME = /^(?:.*\/)?([^/]+)\/(\d{4}-\d{2}-\d{2})-chat\.markdown$/;
const BARE_NAME = /^(\d{4}-\d{2}-\d{2})-chat\.markdown$/;

/** True for a time whose fields are in range (00-23:00-59:00-59). */
export function validTime(t: string): boolean {
  return +t.slice(0, 2) < 24 && +t.slice(3, 5) < 60 && +t.slice(6, 8) < 60;
}

/** Splits a source into lines the way the parser does: BOM dropped, CRLF and LF both end a line. */
export function splitLines(source: string): string[] {
  if (source.charCodeAt(0) === 0xfeff) source = source.slice(1);
  return source.split(/\r?\n/);
}

/** Group and date from a path relative to the logs root; `fallbackGroup` for a file at the root. */
export function dayOfFile(file: string, fallbackGroup = 'unknown'): { group: string; date: string | null } {
  const m = FILE_NAME.exec(file);
  if (m) return { group: m[1]!, date: m[2]! };
  const base = file.split('/').pop() ?? file;
  const b = BARE_NAME.exec(base);
  const parts = file.split('/');
  return { group: parts.length > 1 ? parts[parts.length - 2]! : fallbackGroup, date: b ? b[1]! : null };
}

interface Block {
  time: string;
  speaker: string;
  line: number;
  start: number;
  end: number;
}

export function parseDay(source: string, file: string, opts: { group?: string } = {}): ParsedDay {
  const problems: Problem[] = [];
  const problem = (line: number, severity: Problem['severity'], message: string) => problems.push({ file, line, severity, message });
  const lines = splitLines(source);
  // A final newline is not an extra (empty) body line of the last message.
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();

  const fm = readFrontMatter(lines);
  const where = dayOfFile(file, opts.group);
  const group = opts.group ?? where.group;
  const date = where.date ?? fm.date ?? '0000-00-00';
  const dayId = makeDayId(group, date);

  if (!fm.present) problem(1, 'warning', fm.error ?? 'no front matter (expected a "---" block with title, date, author)');
  else if (fm.error) problem(1, 'warning', fm.error);
  if (fm.present && fm.date === null) problem(fm.dateLine, 'warning', 'front matter has no readable "date:"');
  if (fm.date && where.date && fm.date !== where.date) {
    problem(fm.dateLine, 'error', `front-matter date ${fm.date} disagrees with the file name (${where.date})`);
  }

  // Pass 1: header lines. The speakers of the day are needed before any body (mentions resolve to them).
  const blocks: Block[] = [];
  let preamble = -1;
  for (let i = fm.bodyStart; i < lines.length; i++) {
    const l = lines[i];
    if (l!.charCodeAt(0) === 62 /* > */) {
      const h = HEADER.exec(l!);
      if (h) {
        if (blocks.length) blocks[blocks.length - 1]!.end = i;
        const time = h[1];
        if (!validTime(time!)) problem(i + 1, 'error', `header time "${time}" is not a valid HH:MM:SS time`);
        blocks.push({ time: time!, speaker: stripInvisible(decodeEntities(h[2] ?? '')).trim(), line: i + 1, start: i + 1, end: lines.length });
        continue;
      }
    }
    if (LOOSE_HEADER.test(l!)) {
      const t = /\d{1,2}\s*[:：]\s*\d{1,2}(?:\s*[:：]\s*\d{1,3})?/.exec(l!)?.[0] ?? '';
      problem(i + 1, 'error', `header time "${t}" is not HH:MM:SS; the line is kept as message text`);
    } else if (!blocks.length && preamble < 0 && l!.trim() !== '') preamble = i;
  }
  if (preamble >= 0) problem(preamble + 1, 'warning', 'text before the first message header belongs to no message');
  // A quiet day (front matter only: 36 days of the real archive) is a warning; a file with neither is no log.
  if (!blocks.length) problem(Math.min(lines.length, fm.bodyStart + 1) || 1, fm.present ? 'warning' : 'error', 'no messages (no "> HH:MM:SS  speaker" header line)');

  // Pass 2: bodies.
  const names = nameMatcher(blocks.map((b) => b.speaker));
  const messages: Message[] = blocks.map((b, k) => {
    const seq = k + 1;
    const bodyLines = lines.slice(b.start, b.end);
    const body = parseBody(bodyLines, names);
    return {
      id: messageId(dayId, seq), day: dayId, seq, line: b.line, time: b.time, speaker: b.speaker, speakerId: '',
      raw: bodyLines.join('\n'), text: body.text, plain: body.plain, seconds: secondsOfDay(b.time), segments: body.segments, links: body.links, images: body.images,
      mentions: body.mentions, mentionIds: [], emojis: body.emojis, kind: body.kind, quote: body.quote,
      duplicateOf: null, flags: body.flags,
    };
  });
  markDuplicates(messages);
  // A header out of the exporter's layout may be a line typed inside the previous message: still a message, flagged.
  const offLayout = headerLayoutBreaks(lines, blocks.map((b) => b.line - 1));
  for (const m of messages) if (offLayout.has(m.line - 1)) m.flags.push(POSSIBLY_QUOTED_HEADER);

  const day: Day = {
    id: dayId, group, date, file, title: fm.title, author: fm.author, declaredLines: fm.declaredLines, tags: fm.tags, messages,
  };
  return { day, problems };
}

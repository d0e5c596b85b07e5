// Validation of day-log files: encoding, file name, and everything the parser reports.
// Pure (bytes in, located problems out) so that `check`, `add` and the site build share one verdict.
import type { ParsedDay, Problem } from '../model/types.ts';
import { parseDay, splitLines } from './parse.ts';
import { headerLayoutBreaks, type LayoutBreak } from './header-layout.ts';

/** `<YYYY-MM-DD>-chat.markdown` with a real calendar date. */
const NAME = /^(\d{4})-(\d{2})-(\d{2})-chat\.markdown$/;

function realDate(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** Problems with a file's name (path relative to the logs root). */
export function checkFileName(file: string): Problem[] {
  const base = file.split('/').pop() ?? file;
  const m = NAME.exec(base);
  if (!m) return [{ file, line: 1, severity: 'error', message: `file name "${base}" is not <YYYY-MM-DD>-chat.markdown` }];
  if (!realDate(+m[1]!, +m[2]!, +m[3]!)) return [{ file, line: 1, severity: 'error', message: `file name "${base}" has no such date` }];
  return [];
}

/** Offset of the first byte that breaks UTF-8, or -1. */
function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    let n = 0;
    if (c! < 0x80) { i++; continue; }
    else if (c! >= 0xc2 && c! <= 0xdf) n = 1;
    else if (c! >= 0xe0 && c! <= 0xef) n = 2;
    else if (c! >= 0xf0 && c! <= 0xf4) n = 3;
    else return i;
    for (let k = 1; k <= n; k++) if (i + k >= b.length || (b[i + k]! & 0xc0) !== 0x80) return i;
    i += n + 1;
  }
  return -1;
}

function lineAt(b: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < b.length; i++) if (b[i] === 10) line++;
  return line;
}

export interface Decoded {
  /** The text, or null when the bytes are not UTF-8 (then `problems` says why). */
  source: string | null;
  problems: Problem[];
}

/**
 * Decodes a log's bytes as UTF-8 (a BOM is allowed). A file that is not UTF-8 is named for what it
 * most likely is: UTF-16, or GBK/GB18030 (the usual encoding of Chinese text saved on Windows).
 */
export function decodeLog(file: string, bytes: Uint8Array): Decoded {
  const err = (line: number, message: string): Decoded => ({ source: null, problems: [{ file, line, severity: 'error', message }] });
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return err(1, 'file is UTF-16, not UTF-8; re-save it as UTF-8');
  }
  try {
    const source = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    const nul = source.indexOf('\u0000');
    if (nul >= 0) return err(lineAt(bytes, new TextEncoder().encode(source.slice(0, nul)).length), 'file contains NUL bytes; it is binary, not a text log');
    return { source, problems: [] };
  } catch {
    const bad = firstInvalidUtf8(bytes);
    const line = lineAt(bytes, Math.max(0, bad));
    try {
      const gbk = new TextDecoder('gb18030', { fatal: true }).decode(bytes);
      if (/[\u4e00-\u9fff]/.test(gbk)) {
        return err(line, 'file is not UTF-8: it is GBK/GB18030-encoded; convert it first (iconv -f GBK -t UTF-8)');
      }
    } catch {
      // Neither UTF-8 nor GBK: report the first bad byte.
    }
    return err(line, bad < 0 ? 'file is not UTF-8' : `file is not UTF-8 (invalid byte 0x${bytes[bad]!.toString(16).padStart(2, '0')} at byte offset ${bad})`);
  }
}

export interface CheckResult {
  /** The parsed day when the file could be decoded. */
  parsed: ParsedDay | null;
  problems: Problem[];
}

/** Every problem of one log file: name, encoding, then what the parser reports. */
export function checkLog(file: string, bytes: Uint8Array, opts: { group?: string } = {}): CheckResult {
  const problems = checkFileName(file);
  const dec = decodeLog(file, bytes);
  problems.push(...dec.problems);
  if (dec.source === null) return { parsed: null, problems };
  const parsed = parseDay(dec.source, file, opts);
  problems.push(...parsed.problems);
  problems.push(...forgedHeaderProblems(file, dec.source, parsed));
  return { parsed, problems: sortProblems(problems) };
}

const LAYOUT_BREAK: Record<LayoutBreak, string> = {
  'no-separator-before': 'follows message text without the blank separator line the exporter writes before each header',
  'no-separator-after': 'is followed by text without the blank separator line the exporter writes after each header',
};

/**
 * Warnings for headers that break the exporter's layout (header-layout.ts): each is read as a new message, as
 * the format says, but may be a header line typed or pasted inside the previous message (a forged author).
 */
export function forgedHeaderProblems(file: string, source: string, parsed: ParsedDay): Problem[] {
  const lines = splitLines(source);
  const breaks = headerLayoutBreaks(lines, parsed.day.messages.map((m) => m.line - 1));
  const out: Problem[] = [];
  for (const m of parsed.day.messages) {
    const how = breaks.get(m.line - 1);
    if (!how) continue;
    // The name is chat text printed to a terminal: no control or bidi characters (escape sequences, reordering).
    // eslint-disable-next-line no-control-regex
    const name = m.speaker.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '?');
    const who = name.length > 40 ? `${[...name].slice(0, 40).join('')}…` : name;
    out.push({
      file, line: m.line, severity: 'warning',
      message: `header "> ${m.time}  ${who}" ${LAYOUT_BREAK[how]}; read as a new message, but it may be text quoted inside the previous message (flagged possibly-quoted-header)`,
    });
  }
  return out;
}

export function sortProblems(ps: Problem[]): Problem[] {
  return ps.sort((a, b) => (a.file === b.file ? a.line - b.line : a.file < b.file ? -1 : 1));
}

/** `file:line: problem`, with `warning: ` before warnings. */
export function formatProblem(p: Problem, prefix = ''): string {
  return `${prefix}${p.file}:${p.line}: ${p.severity === 'warning' ? 'warning: ' : ''}${p.message}`;
}

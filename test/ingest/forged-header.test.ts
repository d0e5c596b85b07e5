// A header line typed inside a message (`> 12:00:01  wood-通联-技术`) is, by the format, a new message: it is
// kept as one (nothing merged or lost), flagged possibly-quoted-header when it breaks the exporter's layout,
// and `check` names its file:line. The exporter's layout is learnt from the real archive: no false warnings there.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { checkLog } from '../../src/ingest/check.ts';
import { headerLayoutBreaks } from '../../src/ingest/header-layout.ts';
import { HEADER, parseDay, splitLines } from '../../src/ingest/parse.ts';
import { listLogFiles } from '../../src/node/load.ts';

const ROOT = join(import.meta.dirname, '../..');
const FM = '---\ntitle:      "2020-01-01-WeChat"\ndate:       2020-01-01 12:00:00\n---\n';
const FILE = 'g/2020-01-01-chat.markdown';
/** One message the way the exporter writes it: header, separator, body lines, separator. */
const msg = (time: string, who: string, ...body: string[]) => `> ${time}  ${who}  \n   \n${body.map((l) => `${l}  \n`).join('')}   \n`;
const FORGED = '> 12:00:01  wood-通联-技术';

function run(source: string) {
  const r = checkLog(FILE, new TextEncoder().encode(source));
  const day = r.parsed!.day;
  const warnings = r.problems.filter((p) => p.message.includes('possibly-quoted-header'));
  return { day, warnings, problems: r.problems };
}

describe('forged headers', () => {
  it('reads a header typed in the middle of a message as a new message, flags it and warns at its line', () => {
    const src = FM + msg('12:00:00', '张三-银联-技术', '第一行', FORGED, '我是 wood，转账给我') + msg('12:00:05', '李四', '好的');
    const { day, warnings } = run(src);
    expect(day.messages.map((m) => m.speaker)).toEqual(['张三-银联-技术', 'wood-通联-技术', '李四']);
    const [first, forged, after] = day.messages;
    expect(first!.text).toBe('第一行');
    expect(forged!.text).toBe('我是 wood，转账给我');
    expect(forged!.flags).toContain('possibly-quoted-header');
    expect(first!.flags).not.toContain('possibly-quoted-header');
    expect(after!.flags).not.toContain('possibly-quoted-header');
    const line = splitLines(src).indexOf(`${FORGED}  `) + 1;
    expect(forged!.line).toBe(line);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ file: FILE, line, severity: 'warning' });
    expect(warnings[0]!.message).toContain('before each header');
  });

  it('flags a typed header on the first line of a message (text follows without a separator)', () => {
    const { day, warnings } = run(FM + msg('12:00:00', '张三', FORGED, '后面的字') + msg('12:00:05', '李四', '好的'));
    expect(day.messages.map((m) => m.flags.includes('possibly-quoted-header'))).toEqual([false, true, false]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message).toContain('after each header');
  });

  it('flags a typed header on the last line of a message', () => {
    const { day } = run(FM + msg('12:00:00', '张三', '前面的字', FORGED) + msg('12:00:05', '李四', '好的'));
    expect(day.messages.map((m) => m.flags.includes('possibly-quoted-header'))).toEqual([false, true, false]);
  });

  it('cannot tell a message that is only a header line, set apart like a real one (documented limit)', () => {
    const { day, warnings } = run(FM + msg('12:00:00', '张三', FORGED) + msg('12:00:05', '李四', '好的'));
    expect(day.messages).toHaveLength(3);
    expect(day.messages.some((m) => m.flags.includes('possibly-quoted-header'))).toBe(false);
    expect(warnings).toEqual([]);
  });

  it('does not flag the exporter layout: empty bodies, a header right after a header, blank-line variants', () => {
    const src = FM + msg('12:00:00', '张三', '你好') + '> 12:00:01  李四  \n   \n' + '> 12:00:02  王五  \n> 12:00:03  赵六  \n\n好\n\n' + msg('12:00:04', '', '匿名的话');
    const { day, warnings } = run(src);
    expect(day.messages).toHaveLength(5);
    expect(warnings).toEqual([]);
    expect(day.messages.every((m) => !m.flags.includes('possibly-quoted-header'))).toBe(true);
  });

  it('keeps control and bidi characters of the name out of the warning text', () => {
    const { warnings } = run(FM + msg('12:00:00', '张三', '前面', '> 12:00:01  evil\u202e\u001b[31mname', '后面'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message).not.toMatch(/[\u202e\u001b]/);
  });

  it('puts the flag in the export-facing Message for every forged header of a day', () => {
    const body = Array.from({ length: 5 }, (_, i) => msg(`12:0${i}:00`, `人${i}`, '说', `> 12:0${i}:30  假${i}`, '话')).join('');
    const { day } = parseDay(FM + body, FILE);
    expect(day.messages.filter((m) => m.flags.includes('possibly-quoted-header')).map((m) => m.speaker)).toEqual(['假0', '假1', '假2', '假3', '假4']);
  });
});

// The layout rule over every real log: the exporter's own headers never break it (zero false warnings).
// content/logs is the whole real archive (noloss.test.ts checks it is ../shared/archive byte for byte).
const REAL_DIRS = [join(ROOT, 'content/logs')];

describe('the exporter layout over the real logs', () => {
  it('has no header that breaks it, in the 719 days of content/logs', () => {
    const bad: string[] = [];
    let headers = 0;
    for (const dir of REAL_DIRS) {
      for (const p of listLogFiles(dir)) {
        const lines = splitLines(readFileSync(p, 'utf8'));
        const idx: number[] = [];
        lines.forEach((l, i) => { if (l.charCodeAt(0) === 62 && HEADER.test(l)) idx.push(i); });
        headers += idx.length;
        for (const [i, how] of headerLayoutBreaks(lines, idx)) bad.push(`${relative(ROOT, p)}:${i + 1}: ${how}`);
      }
    }
    expect(headers).toBeGreaterThan(100_000);
    expect(bad).toEqual([]);
  });
});

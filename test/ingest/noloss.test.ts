// No loss, proven over every real log: one message per header line, and everything a message shows
// (text pieces, link titles and targets, image URLs, mentions, emoji) comes from its own source block,
// while every CJK character of the block survives somewhere in the message.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseDay } from '../../src/ingest/parse.ts';
import { decodeEntities } from '../../src/text/segments.ts';
import { listLogFiles } from '../../src/node/load.ts';

const ROOT = join(import.meta.dirname, '../..');
const DIRS = [join(ROOT, 'content/logs'), join(ROOT, '../shared/corpus')].filter(existsSync);
/** Independent of the parser's own regex on purpose. */
const HEADER_LINE = /^> [0-9]{2}:[0-9]{2}:[0-9]{2}(?:[ \t]|$)/;

/** What may legitimately differ between source and text: whitespace, `?`/U+2005 after mentions, ＠, invisibles. */
const norm = (s: string) => decodeEntities(s).replace(/[\s?\u2005\u0085\u2028\u2029\u200b-\u200f\ufeff]+/gu, '').replace(/＠/g, '@');
const cjk = (s: string) => new Set(s.match(/[\u4e00-\u9fff]/gu) ?? []);

const files = DIRS.flatMap((d) => listLogFiles(d).map((p) => ({ dir: d, p, file: relative(d, p).split('\\').join('/') })));

describe('no loss over every real log', () => {
  it('finds the logs', () => {
    expect(files.length).toBeGreaterThanOrEqual(8);
  });
  for (const { dir, p, file } of files) {
    it(`${relative(ROOT, dir)}/${file}`, () => {
      const source = readFileSync(p, 'utf8');
      const lines = source.split('\n');
      const headerLines = lines.map((l, i) => (HEADER_LINE.test(l) ? i + 1 : 0)).filter(Boolean);
      const { day, problems } = parseDay(source, file);
      expect(problems.filter((x) => x.severity === 'error')).toEqual([]);
      expect(day.messages.length).toBe(headerLines.length);
      expect(day.messages.map((m) => m.line)).toEqual(headerLines);
      // Failures are collected, then compared with [] once: one readable diff, and fast.
      const bad: string[] = [];
      day.messages.forEach((m, i) => {
        if (m.seq !== i + 1) bad.push(`${m.id}: seq ${m.seq}`);
        if (!lines[m.line - 1]!.startsWith(`> ${m.time}`)) bad.push(`${m.id}: line ${m.line} is not its header`);
        const raw = norm(m.raw);
        const pieces: string[] = [...m.links.map((l) => l.url), ...m.images.map((x) => x.url)];
        for (const g of m.segments) {
          if (g.type === 'text') pieces.push(g.text);
          else if (g.type === 'link') pieces.push(g.title, g.url);
          else if (g.type === 'image') pieces.push(g.url, g.alt);
          else if (g.type === 'mention') pieces.push(g.name);
          else pieces.push(g.code);
        }
        for (const piece of pieces) if (!raw.includes(norm(piece))) bad.push(`${m.id}: "${piece}" is not in its source`);
        // The other way round: no CJK character of the block is lost.
        const shown = cjk(m.text + (m.quote ? m.quote.author + m.quote.text : '') + m.images.map((x) => x.alt).join(''));
        for (const c of cjk(decodeEntities(m.raw))) if (!shown.has(c)) bad.push(`${m.id}: lost ${c}`);
      });
      expect(bad).toEqual([]);
    });
  }
});

describe('the bundled archive', () => {
  const LOGS = join(ROOT, 'content/logs');
  const ARCHIVE = join(ROOT, '../shared/archive');
  const bundled = listLogFiles(LOGS);

  it('loses no message over all its days: messages, headers and quiet days counted from the files', () => {
    let messages = 0;
    let headers = 0;
    let quiet = 0;
    for (const p of bundled) {
      const source = readFileSync(p, 'utf8');
      const h = source.split('\n').filter((l) => HEADER_LINE.test(l)).length;
      headers += h;
      if (h === 0) quiet++;
      messages += parseDay(source, relative(LOGS, p).split('\\').join('/')).day.messages.length;
    }
    expect(messages).toBe(headers);
    // The real archive as the issue describes it: 719 days of four groups, 123,706 messages, 36 quiet days.
    expect([bundled.length, headers, quiet]).toEqual([719, 123706, 36]);
  });

  it.skipIf(!existsSync(ARCHIVE))('is ../shared/archive byte for byte', () => {
    const theirs = listLogFiles(ARCHIVE).map((p) => relative(ARCHIVE, p));
    expect(bundled.map((p) => relative(LOGS, p))).toEqual(theirs);
    const differ = theirs.filter((f) => !readFileSync(join(LOGS, f)).equals(readFileSync(join(ARCHIVE, f))));
    expect(differ).toEqual([]);
  });
});

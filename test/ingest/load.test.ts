// loadArchive (used by the site build) refuses broken logs with every `file:line: problem`, and reads
// a BOM/CRLF log exactly like its LF original.
import { afterEach, describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadArchive, readLogs } from '../../src/node/load.ts';

const ROOT = join(import.meta.dirname, '../..');
const REAL = readFileSync(join(ROOT, 'content/logs/prodrd/2019-01-08-chat.markdown'), 'utf8');
const dirs: string[] = [];

function content(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'cka-load-'));
  dirs.push(dir);
  copyFileSync(join(ROOT, 'content/groups.yaml'), join(dir, 'groups.yaml'));
  for (const [f, c] of Object.entries(files)) {
    mkdirSync(join(dir, 'logs', f, '..'), { recursive: true });
    writeFileSync(join(dir, 'logs', f), c);
  }
  return dir;
}
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

describe('loadArchive', () => {
  it('fails listing every error as file:line: problem', () => {
    const dir = content({
      'prodrd/2019-01-09-chat.markdown': REAL,
      'prodrd/2019-01-10-chat.markdown': Buffer.from([0x3e, 0x20, 0xc4, 0xe3, 0xba, 0xc3, 0x0a]),
      'prodrd/notes.md': REAL,
    });
    let message = '';
    try { loadArchive(dir); } catch (e) { message = (e as Error).message; }
    expect(message).toContain('prodrd/2019-01-09-chat.markdown:4: front-matter date 2019-01-08 disagrees with the file name (2019-01-09)');
    expect(message).toContain('prodrd/2019-01-10-chat.markdown:1: file is not UTF-8: it is GBK/GB18030-encoded');
    expect(message).toContain('prodrd/notes.md:1: file name "notes.md" is not <YYYY-MM-DD>-chat.markdown');
  });
  it('reads a BOM + CRLF log exactly like the LF original', () => {
    const a = loadArchive(content({ 'prodrd/2019-01-08-chat.markdown': REAL }));
    const b = loadArchive(content({ 'prodrd/2019-01-08-chat.markdown': '\ufeff' + REAL.replace(/\n/g, '\r\n') }));
    const strip = (x: typeof a) => x.days[0]!.messages.map((m) => ({ ...m, raw: m.raw.replace(/\r/g, '') }));
    expect(b.days[0]!.messages.length).toBe(185);
    expect(strip(b)).toEqual(strip(a));
  });
  it('readLogs refuses a file that is not UTF-8', () => {
    const dir = content({ 'prodrd/2019-01-10-chat.markdown': Buffer.from([0xd6, 0xa7, 0xb8, 0xb6, 0x0a]) });
    expect(() => readLogs(join(dir, 'logs'))).toThrow(/2019-01-10-chat\.markdown:1: file is not UTF-8: it is GBK/);
  });
});

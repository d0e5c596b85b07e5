// The command line on temporary folders: check's `file:line: problem` lines and exit codes, add's
// all-or-nothing copy, export's JSON contract. Commands are imported (fast); one test spawns the real CLI.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run as check } from '../../scripts/commands/check.ts';
import { run as add } from '../../scripts/commands/add.ts';
import { run as exportCmd } from '../../scripts/commands/export.ts';
import { fixtureLogsDir } from '../helpers/fixture.ts';
import { listLogFiles } from '../../src/node/load.ts';

const ROOT = join(import.meta.dirname, '../..');
const REAL = join(ROOT, 'content/logs/prodrd/2019-01-08-chat.markdown');
const GOOD = readFileSync(REAL, 'utf8');

/** "> 09:00:00  你好\n   \n支付  \n" in GBK (你 C4E3, 好 BAC3, 支 D6A7, 付 B8B6). */
function gbkLog(): Buffer {
  const a = (s: string) => Buffer.from(s, 'ascii');
  return Buffer.concat([
    a('---\ntitle:      "2019-01-09-WeChat"\ndate:       2019-01-09 12:00:00\n---\n> 09:00:00  '),
    Buffer.from([0xc4, 0xe3, 0xba, 0xc3]), a('  \n   \n'), Buffer.from([0xd6, 0xa7, 0xb8, 0xb6]), a('  \n   \n'),
  ]);
}

let tmp: string;
let out: string[];
let err: string[];
const saved = process.env.CKA_CONTENT_DIR;

beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), 'cka-cli-'));
  mkdirSync(join(tmp, 'content/logs/prodrd'), { recursive: true });
  copyFileSync(join(ROOT, 'content/groups.yaml'), join(tmp, 'content/groups.yaml'));
  copyFileSync(REAL, join(tmp, 'content/logs/prodrd/2019-01-08-chat.markdown'));
  process.env.CKA_CONTENT_DIR = join(tmp, 'content');
  out = [];
  err = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
});
afterEach(() => {
  vi.restoreAllMocks();
  if (saved === undefined) delete process.env.CKA_CONTENT_DIR;
  else process.env.CKA_CONTENT_DIR = saved;
  rmSync(tmp, { recursive: true, force: true });
});

/** A logs folder with the given files (path relative to it -> content). */
function logs(files: Record<string, string | Buffer>): string {
  const dir = join(tmp, 'in');
  for (const [f, c] of Object.entries(files)) {
    mkdirSync(join(dir, f, '..'), { recursive: true });
    writeFileSync(join(dir, f), c);
  }
  return dir;
}

describe('check', () => {
  it('passes the whole bundled archive, naming each quiet day (a file without a header line) as a warning', async () => {
    const LOGS = join(ROOT, 'content/logs');
    expect(await check(['--logs', LOGS])).toBe(0);
    const quiet = listLogFiles(LOGS).filter((p) => !/^> \d\d:\d\d:\d\d/m.test(readFileSync(p, 'utf8')));
    expect(quiet.length).toBe(36);
    expect(out).toHaveLength(quiet.length);
    expect(out.every((l) => /:\d+: warning: no messages \(/.test(l))).toBe(true);
    expect(out.map((l) => l.replace(/:\d+: warning: .*$/, '')).sort()).toEqual(quiet.sort());
  });
  it('names a GBK file as GBK', async () => {
    const dir = logs({ 'prodrd/2019-01-09-chat.markdown': gbkLog() });
    expect(await check(['--logs', dir])).toBe(1);
    expect(out).toEqual([`${dir}/prodrd/2019-01-09-chat.markdown:5: file is not UTF-8: it is GBK/GB18030-encoded; convert it first (iconv -f GBK -t UTF-8)`]);
  });
  it('reports a bad header time, keeping the rest', async () => {
    const bad = GOOD.replace('> 12:44:46  wxid', '> 12:44  wxid').replace('> 19:21:03', '> 29:21:03');
    const dir = logs({ 'prodrd/2019-01-08-chat.markdown': bad });
    expect(await check(['--logs', dir])).toBe(1);
    expect(out).toEqual([
      `${dir}/prodrd/2019-01-08-chat.markdown:13: header time "12:44" is not HH:MM:SS; the line is kept as message text`,
      `${dir}/prodrd/2019-01-08-chat.markdown:17: header time "29:21:03" is not a valid HH:MM:SS time`,
    ]);
  });
  it('reports an empty file and a file without messages', async () => {
    const dir = logs({ 'prodrd/2019-01-09-chat.markdown': '', 'prodrd/2019-01-10-chat.markdown': GOOD.slice(0, GOOD.indexOf('> ')).replace(/2019-01-08/g, '2019-01-10') });
    expect(await check(['--logs', dir])).toBe(1);
    expect(out).toEqual([
      `${dir}/prodrd/2019-01-09-chat.markdown:1: warning: no front matter (expected a "---" block with title, date, author)`,
      `${dir}/prodrd/2019-01-09-chat.markdown:1: no messages (no "> HH:MM:SS  speaker" header line)`,
      // Front matter and no messages: a quiet day (DESIGN: a warning); the empty file is no log at all.
      `${dir}/prodrd/2019-01-10-chat.markdown:8: warning: no messages (no "> HH:MM:SS  speaker" header line)`,
    ]);
  });
  it('reports a front-matter date that disagrees with the file name', async () => {
    const dir = logs({ 'prodrd/2019-01-09-chat.markdown': GOOD });
    expect(await check(['--logs', dir])).toBe(1);
    expect(out).toEqual([`${dir}/prodrd/2019-01-09-chat.markdown:4: front-matter date 2019-01-08 disagrees with the file name (2019-01-09)`]);
  });
  it('reports file names that are not <YYYY-MM-DD>-chat.markdown', async () => {
    const dir = logs({ 'prodrd/2019-1-8-chat.markdown': GOOD, 'prodrd/2019-02-30-chat.markdown': GOOD, 'prodrd/notes.txt': 'hi' });
    expect(await check(['--logs', dir])).toBe(1);
    expect(out.filter((l) => l.includes(': file name'))).toEqual([
      `${dir}/prodrd/2019-02-30-chat.markdown:1: file name "2019-02-30-chat.markdown" has no such date`,
      `${dir}/prodrd/2019-1-8-chat.markdown:1: file name "2019-1-8-chat.markdown" is not <YYYY-MM-DD>-chat.markdown`,
      `${dir}/prodrd/notes.txt:1: file name "notes.txt" is not <YYYY-MM-DD>-chat.markdown`,
    ]);
  });
  it('accepts CRLF and a BOM', async () => {
    const dir = logs({ 'prodrd/2019-01-08-chat.markdown': '\ufeff' + GOOD.replace(/\n/g, '\r\n') });
    expect(await check(['--logs', dir])).toBe(0);
  });
  it('exits 2 on a usage error', async () => {
    expect(await check(['--bogus'])).toBe(2);
    expect(await check(['--logs', join(tmp, 'missing')])).toBe(2);
  });
  it('exits 1 through the real CLI', () => {
    const dir = logs({ 'prodrd/2019-01-09-chat.markdown': gbkLog() });
    const r = spawnSync('npx', ['tsx', 'scripts/cli.ts', 'check', '--logs', dir], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('2019-01-09-chat.markdown:5: file is not UTF-8: it is GBK');
  });
});

describe('add', () => {
  const dest = (f: string) => join(tmp, 'content/logs', f);
  it('copies a valid log byte for byte, inferring the group from its folder', async () => {
    const dir = logs({ 'devarch/2018-08-08-chat.markdown': readFileSync(join(ROOT, 'content/logs/devarch/2018-08-08-chat.markdown')) });
    expect(await add([join(dir, 'devarch/2018-08-08-chat.markdown')])).toBe(0);
    expect(readFileSync(dest('devarch/2018-08-08-chat.markdown')).equals(readFileSync(join(ROOT, 'content/logs/devarch/2018-08-08-chat.markdown')))).toBe(true);
    expect(out[0]).toMatch(/^added devarch\/2018-08-08 \(376 messages\)/);
  });
  it('refuses to overwrite an existing day unless --force', async () => {
    const changed = GOOD.replace('大家好', '大家早');
    const dir = logs({ 'x/2019-01-08-chat.markdown': changed });
    expect(await add([join(dir, 'x/2019-01-08-chat.markdown'), '--group', 'prodrd'])).toBe(1);
    expect(err.join('\n')).toContain('prodrd/2019-01-08 already exists and differs');
    expect(err.join('\n')).toContain('pass --merge to keep every message of both versions, or --force to replace it');
    expect(readFileSync(dest('prodrd/2019-01-08-chat.markdown'), 'utf8')).toBe(GOOD);
    expect(await add([join(dir, 'x/2019-01-08-chat.markdown'), '--group', 'prodrd', '--force'])).toBe(0);
    expect(readFileSync(dest('prodrd/2019-01-08-chat.markdown'), 'utf8')).toBe(changed);
    expect(out.join('\n')).toContain('replaced prodrd/2019-01-08');
  });
  it('writes nothing when any file is invalid', async () => {
    const dir = logs({ 'prodrd/2019-01-09-chat.markdown': GOOD.replace(/2019-01-08/g, '2019-01-09'), 'prodrd/2019-01-10-chat.markdown': gbkLog() });
    const before = readdirSync(dest('prodrd'));
    expect(await add([join(dir, 'prodrd/2019-01-09-chat.markdown'), join(dir, 'prodrd/2019-01-10-chat.markdown')])).toBe(1);
    expect(readdirSync(dest('prodrd'))).toEqual(before);
    expect(err.join('\n')).toContain('GBK');
    expect(err[err.length - 1]).toContain('nothing was written');
  });
  it('refuses a destination outside content/logs', async () => {
    const dir = logs({ 'prodrd/2019-01-09-chat.markdown': GOOD.replace(/2019-01-08/g, '2019-01-09') });
    expect(await add([join(dir, 'prodrd/2019-01-09-chat.markdown'), '--group', '../../escape'])).toBe(2);
    expect(existsSync(join(tmp, 'escape'))).toBe(false);
    expect(existsSync(join(tmp, 'content/escape'))).toBe(false);
  });
  it('asks for --group when the folder is not a group', async () => {
    const dir = logs({ 'downloads/2019-01-09-chat.markdown': GOOD.replace(/2019-01-08/g, '2019-01-09') });
    expect(await add([join(dir, 'downloads/2019-01-09-chat.markdown')])).toBe(1);
    expect(err[0]).toContain('"downloads" is not a group of content/groups.yaml; pass --group <slug>');
    expect(existsSync(dest('downloads'))).toBe(false);
  });
  it('refuses a misnamed file', async () => {
    const dir = logs({ 'prodrd/chat.markdown': GOOD });
    expect(await add([join(dir, 'prodrd/chat.markdown')])).toBe(1);
    expect(existsSync(dest('prodrd/chat.markdown'))).toBe(false);
  });
});

describe('export', () => {
  it('writes the DESIGN contract', async () => {
    const file = join(tmp, 'out/archive.json');
    expect(await exportCmd(['--logs', join(tmp, 'content/logs'), '--out', file])).toBe(0);
    const j = JSON.parse(readFileSync(file, 'utf8'));
    expect(Object.keys(j)).toEqual(['days', 'messages', 'threads', 'terms', 'faq']);
    expect(j.days).toEqual([{ id: 'prodrd/2019-01-08', group: 'prodrd', date: '2019-01-08', author: '徐飞2好', messageCount: 185 }]);
    expect(Object.keys(j.messages[0])).toEqual([
      'id', 'day', 'seq', 'time', 'speaker', 'text', 'links', 'images', 'mentions', 'emojis',
      'kind', 'speakerId', 'duplicateOf', 'quote', 'flags',
    ]);
    // The first two messages of this day have no body; the second has no speaker either.
    // A person's slug is name + company when a nickname names one (stable when a second 马春林 joins).
    expect(j.messages.slice(0, 3).map((m: { kind: string; speakerId: string }) => [m.kind, m.speakerId])).toEqual([
      ['empty', '马春林-工品汇'], ['empty', 'anonymous'], ['text', 'wxid-mbg14jvtbon722'],
    ]);
    expect(j.messages[0]).toMatchObject({ id: 'prodrd/2019-01-08/1', seq: 1, time: '11:52:38', speaker: '马春林-工品汇-研发' });
    // The contract's thread fields, then the additive ones: kind (qa/talk/discussion), the corrections applied, and
    // topicEvidence (the terms that decided each of the thread's topics, for those topics only).
    for (const t of j.threads) {
      expect(Object.keys(t)).toEqual(['id', 'day', 'messageIds', 'topics', 'title', 'questionId', 'answerIds', 'kind', 'corrections', 'topicEvidence']);
      for (const slug of Object.keys(t.topicEvidence)) expect(t.topics).toContain(slug);
    }
    expect(new Set(j.threads.map((t: { kind: string }) => t.kind))).toContain('qa');
  });
  it('prints nothing but the whole JSON on stdout through the real CLI, even when it is larger than a pipe buffer', () => {
    // The fixture's JSON is ~900 KB; exiting before stdout drains once cut it at the pipe's 64 KB.
    const r = spawnSync('npx', ['tsx', 'scripts/cli.ts', 'export', '--logs', fixtureLogsDir()], { cwd: ROOT, encoding: 'utf8', env: { ...process.env }, maxBuffer: 64 * 1024 * 1024 });
    expect(r.status).toBe(0);
    expect(r.stdout.length).toBeGreaterThan(256 * 1024);
    const headers = listLogFiles(fixtureLogsDir()).reduce((n, p) => n + readFileSync(p, 'utf8').split('\n').filter((l) => /^> \d\d:\d\d:\d\d/.test(l)).length, 0);
    expect(JSON.parse(r.stdout).messages.length).toBe(headers);
  });
  it('refuses to export broken logs', async () => {
    const dir = logs({ 'prodrd/2019-01-09-chat.markdown': GOOD });
    expect(await exportCmd(['--logs', dir, '--out', join(tmp, 'x.json')])).toBe(1);
    expect(existsSync(join(tmp, 'x.json'))).toBe(false);
    expect(err[0]).toContain('2019-01-09-chat.markdown:4: front-matter date');
  });
});

// `add` as a maintainer runs it, through the real CLI (child processes) on temporary content folders made
// of real days and the real variant exports: refuse with a comparison, --merge, --force with a backup,
// ids re-mapped, symlinks refused, all-or-none writes, two concurrent runs serialized by the lock.
import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseDay } from '../../src/ingest/parse.ts';
import { ARCHIVE, VARIANTS, cli, cliAsync, tempContent } from '../helpers/content.ts';

const D1220 = 'prodarch/2017-12-20-chat.markdown';
const D0116 = 'prodarch/2018-01-16-chat.markdown';
const archived = (f: string) => join(ARCHIVE, f);
const variant = (f: string) => join(VARIANTS, f);
const read = (p: string) => readFileSync(p, 'utf8');
const made: string[] = [];
function content(days: string[]): string {
  const c = tempContent(days);
  made.push(dirname(c));
  return c;
}
afterAll(() => { for (const d of made) rmSync(d, { recursive: true, force: true }); });

const parse = (source: string, file = D1220) => parseDay(source, file).day;
/** The test's own notion of the same message: time, speaker, reader text, image paths (hosts vary). */
const key = (m: { time: string; speaker: string; text: string; images: { url: string }[] }) =>
  [m.time, m.speaker, m.text, ...m.images.map((i) => new URL(i.url).pathname)].join('|');
/** Each message's lines, from its header to the next header. */
function blocks(source: string): string[] {
  const lines = source.split('\n');
  const heads = lines.flatMap((l, i) => (/^> \d\d:\d\d:\d\d /.test(l) ? [i] : []));
  return heads.map((h, k) => lines.slice(h, heads[k + 1] ?? lines.length).join('\n').replace(/\n$/, ''));
}
const sources = (glossaryFile: string) => /^sources: \[(.*)\]$/m.exec(read(glossaryFile))?.[1]?.split(', ') ?? [];

describe('add: a day that exists and differs', () => {
  it('is refused with a comparison of both versions, and nothing is written', () => {
    const c = content(['prodarch/2017-12-20']);
    const before = read(join(c, 'logs', D1220));
    const glossaryBefore = read(join(c, 'glossary/beifujin.md'));
    const r = cli(c, ['add', variant(D1220)]);
    expect(r.status).toBe(1);
    expect(r.out).toContain('prodarch/2017-12-20 already exists and differs');
    expect(r.out).toMatch(/: 280 messages; new .*: 442 messages; in both: 258/);
    expect(r.out).toContain('only in the existing version: 22');
    expect(r.out).toContain('only in the new version: 184');
    expect(r.out).toMatch(/line \d+ +09:30:28 付云龙: 抢到了/); // only in the bundled version
    expect(r.out).toMatch(/line \d+ +07:22:10 郝维甲-浦发-技术-山东: 期待！/); // only in the other export
    // Same time, speaker and reader text, but a link in one export and its bare title in the other.
    expect(r.out).toContain('09:29:39 只是个昵称: 微信红包: a link in the existing version, its bare text in the new one');
    expect(r.out).toContain('nothing was written');
    expect(read(join(c, 'logs', D1220))).toBe(before);
    expect(read(join(c, 'glossary/beifujin.md'))).toBe(glossaryBefore);
    expect(existsSync(join(c, 'backups'))).toBe(false);
  });

  it('says clearly when two exports hold the same messages and differ only in image hosts; --merge keeps the existing file', () => {
    const c = content(['prodarch/2018-01-16']);
    const before = read(join(c, 'logs', D0116));
    const r = cli(c, ['add', variant(D0116)]);
    expect(r.status).toBe(1);
    expect(r.out).toContain('the same 140 messages in both; only the way 2 of them are written differs');
    expect(r.out).toContain('only in the existing version: 0');
    expect(r.out).toContain('only in the new version: 0');
    expect(r.out.match(/image host static\.cocolian\.cn → static\.cocolian\.org/g)).toHaveLength(2);
    const m = cli(c, ['add', '--merge', variant(D0116)]);
    expect(m.status).toBe(0);
    expect(m.out).toContain('unchanged prodarch/2018-01-16 (140 messages)');
    expect(m.out).toContain('nothing to add');
    expect(read(join(c, 'logs', D0116))).toBe(before);
  });

  it('an identical file is "unchanged", exit 0', () => {
    const c = content(['prodarch/2018-01-16']);
    const r = cli(c, ['add', archived(D0116)]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('unchanged prodarch/2018-01-16');
  });
});

describe('add --merge', () => {
  const c = content(['prodarch/2017-12-20']);
  const oldSource = read(join(c, 'logs', D1220));
  const oldGlossary = Object.fromEntries(readdirSync(join(c, 'glossary')).map((f) => [f, read(join(c, 'glossary', f))]));
  // Maintainers' thread corrections, keyed by message and thread ids (content/corrections.yaml).
  const corrections = '- move: prodarch/2017-12-20/122\n  to: prodarch/2017-12-20/t140\n- answer: prodarch/2017-12-20/123\n- notAnswer: devarch/2017-12-19/271\n';
  writeFileSync(join(c, 'corrections.yaml'), corrections);
  const r = cli(c, ['add', '--merge', variant(D1220)]);
  const merged = read(join(c, 'logs', D1220));
  const oldDay = parse(oldSource);
  const newDay = parse(read(variant(D1220)));
  const mergedDay = parse(merged);

  it('keeps every message of both versions once: 280 + 184 = 464, and prints what it added', () => {
    expect(r.status, r.out).toBe(0);
    expect(r.stdout).toContain('merged prodarch/2017-12-20 (464 messages)');
    expect(r.stdout).toContain('added 184 message(s) (280 -> 464)');
    expect(r.stdout).toMatch(/#\d+ +07:22:10 郝维甲-浦发-技术-山东: 期待！/);
    expect(mergedDay.messages).toHaveLength(464);
    const count = (ms: typeof oldDay.messages) => ms.reduce((m, x) => m.set(key(x), (m.get(key(x)) ?? 0) + 1), new Map<string, number>());
    const have = count(mergedDay.messages);
    for (const version of [oldDay, newDay]) for (const [k, n] of count(version.messages)) expect(have.get(k) ?? 0, k).toBeGreaterThanOrEqual(n);
    expect(r.stderr).not.toMatch(/warning/);
  });

  it('is in time order, keeps the existing messages in their order and first on ties', () => {
    const times = mergedDay.messages.map((m) => m.time);
    expect(times).toEqual([...times].sort());
    const oldKeys = oldDay.messages.map(key);
    const positions = oldKeys.map((k, i) => mergedDay.messages.findIndex((m, j) => key(m) === k && j >= i));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    // Where an existing and a new message share a second, the existing one comes first.
    const isOld = new Set(oldKeys);
    for (let k = 1; k < mergedDay.messages.length; k++) {
      const [a, b] = [mergedDay.messages[k - 1]!, mergedDay.messages[k]!];
      if (a.time === b.time && !isOld.has(key(a)) && isOld.has(key(b))) throw new Error(`new before existing at ${a.time}`);
    }
  });

  it("is written in the exporter's layout: the existing front matter, each message's own lines", () => {
    const fmEnd = oldSource.indexOf('\n> ') + 1;
    expect(merged.slice(0, fmEnd)).toBe(oldSource.slice(0, fmEnd));
    const known = new Set([...blocks(oldSource), ...blocks(read(variant(D1220)))]);
    for (const b of blocks(merged)) expect(known.has(b), b.slice(0, 60)).toBe(true);
    const lines = merged.split('\n');
    lines.forEach((l, i) => {
      if (!/^> \d\d:\d\d:\d\d /.test(l)) return;
      expect(lines[i + 1]).toBe('   ');
      if (i > fmEnd) expect(lines[i - 1]).toBe('   ');
    });
    expect(merged.endsWith('   \n')).toBe(true);
  });

  it('re-maps glossary sources and anchors to the same messages', () => {
    const byId = (d: typeof oldDay) => new Map(d.messages.map((m) => [m.id, m.text]));
    const [oldText, newText] = [byId(oldDay), byId(mergedDay)];
    let checked = 0;
    for (const f of Object.keys(oldGlossary)) {
      const before = oldGlossary[f]!;
      const after = read(join(c, 'glossary', f));
      const ids = (s: string) => [...s.matchAll(/prodarch\/2017-12-20\/(?:#m)?(\d+)/g)].map((m) => `prodarch/2017-12-20/${m[1]}`);
      const [a, b] = [ids(before), ids(after)];
      expect(b).toHaveLength(a.length);
      a.forEach((id, i) => { expect(newText.get(b[i]!), `${f}: ${id} -> ${b[i]}`).toBe(oldText.get(id)); checked++; });
      // Nothing else in the file changed.
      expect(after.replace(/prodarch\/2017-12-20\/(#m)?\d+|#\d+/g, '')).toBe(before.replace(/prodarch\/2017-12-20\/(#m)?\d+|#\d+/g, ''));
    }
    expect(checked).toBeGreaterThan(20);
    expect(sources(join(c, 'glossary/beifujin.md')).slice(0, 3)).not.toEqual(['prodarch/2017-12-20/122', 'prodarch/2017-12-20/123', 'prodarch/2017-12-20/140']);
    expect(r.stdout).toMatch(/re-mapped 9 id\(s\) in .*beifujin\.md: prodarch\/2017-12-20\/122 -> prodarch\/2017-12-20\/\d+ \(line 6\)/);
  });

  it('re-maps corrections the same way (message ids and thread ids)', () => {
    const seqOf = (text: string | undefined) => mergedDay.messages.find((m) => m.text === text)?.seq;
    const old = new Map(oldDay.messages.map((m) => [m.seq, m.text]));
    expect(read(join(c, 'corrections.yaml'))).toBe(
      `- move: prodarch/2017-12-20/${seqOf(old.get(122))}\n  to: prodarch/2017-12-20/t${seqOf(old.get(140))}\n- answer: prodarch/2017-12-20/${seqOf(old.get(123))}\n- notAnswer: devarch/2017-12-19/271\n`,
    );
    expect(r.stdout).toMatch(/re-mapped 3 id\(s\) in .*corrections\.yaml/);
  });

  it('leaves a content that check passes (citations verified), and merging again adds nothing', () => {
    const k = cli(c, ['check']);
    expect(k.status, k.out).toBe(0);
    // Citations of the merged day all say their term; other days cited are not in this content (warnings).
    expect(k.stdout).not.toMatch(/does not mention|no such message/);
    expect(k.stdout).not.toContain('prodarch/2017-12-20/');
    const again = cli(c, ['add', '--merge', variant(D1220)]);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('nothing to add');
    expect(read(join(c, 'logs', D1220))).toBe(merged);
  });
});

describe('add --force', () => {
  it('replaces, keeps the replaced version in content/backups and prints its path; shared messages keep their citations', () => {
    const c = content(['prodarch/2017-12-20']);
    const old = read(join(c, 'logs', D1220));
    const r = cli(c, ['add', '--force', variant(D1220)]);
    expect(r.status, r.out).toBe(0);
    expect(r.stdout).toContain('replaced prodarch/2017-12-20 (442 messages)');
    const backup = /the replaced version is kept in (\S+)/.exec(r.stdout)?.[1];
    expect(backup).toMatch(/content\/backups\/[^/]+\/prodarch\/2017-12-20-chat\.markdown$/);
    expect(read(backup!)).toBe(old);
    expect(read(join(c, 'logs', D1220))).toBe(read(variant(D1220)));
    const oldText = new Map(parse(old).messages.map((m) => [m.id, m.text]));
    const nowText = new Map(parse(read(variant(D1220))).messages.map((m) => [m.id, m.text]));
    const before = ['prodarch/2017-12-20/122', 'prodarch/2017-12-20/123', 'prodarch/2017-12-20/140'];
    const after = sources(join(c, 'glossary/beifujin.md')).slice(0, 3);
    after.forEach((id, i) => expect(nowText.get(id)).toBe(oldText.get(before[i]!)));
    // The backup is not part of the site: check (like the build) reads logs/ only.
    const k = cli(c, ['check']);
    expect(k.status, k.out).toBe(0);
    expect(k.stderr).toContain('checked 1 file(s)');
  });

  it('refuses a replacement that drops a cited message, naming the glossary file and line', () => {
    const c = content(['prodarch/2017-12-20']);
    const old = read(join(c, 'logs', D1220));
    // The bundled day without message 140 (cited by beifujin.md for 主备付金账户).
    const b = blocks(old);
    const cut = old.replace(b[139]! + '\n', '');
    const dir = mkdtempSync(join(tmpdir(), 'cka-maint-in-'));
    made.push(dir);
    mkdirSync(join(dir, 'prodarch'));
    writeFileSync(join(dir, D1220), cut);
    const r = cli(c, ['add', '--force', join(dir, D1220)]);
    expect(r.status).toBe(1);
    expect(r.out).toMatch(/content\/glossary\/beifujin\.md:6: source prodarch\/2017-12-20\/140 does not mention 备付金/);
    // Named for what it is, in the sources and in the link of the definition, whatever the message now at #140 says.
    expect(r.out).toMatch(/content\/glossary\/beifujin\.md:6: prodarch\/2017-12-20\/140 names a message the new version does not have \("只能有一个主备付金账户/);
    expect(r.out).toMatch(/content\/glossary\/beifujin\.md:9: prodarch\/2017-12-20\/#m140 names a message the new version does not have/);
    expect(r.out).toContain('nothing was written');
    expect(read(join(c, 'logs', D1220))).toBe(old);
    expect(existsSync(join(c, 'backups'))).toBe(false);
  });
});

describe('add is safe', () => {
  it('refuses a symlinked group folder, a symlinked destination file and a symlinked logs folder', () => {
    const c = content([]);
    const outside = mkdtempSync(join(tmpdir(), 'cka-maint-outside-'));
    made.push(outside);
    symlinkSync(outside, join(c, 'logs/prodarch'));
    let r = cli(c, ['add', archived(D1220)]);
    expect(r.status).toBe(1);
    expect(r.out).toMatch(/logs\/prodarch is a symlink; refused/);
    expect(readdirSync(outside)).toEqual([]);

    rmSync(join(c, 'logs/prodarch'));
    mkdirSync(join(c, 'logs/prodarch'));
    symlinkSync(join(outside, 'target.markdown'), join(c, 'logs', D1220));
    r = cli(c, ['add', archived(D1220)]);
    expect(r.status).toBe(1);
    expect(r.out).toMatch(/2017-12-20-chat\.markdown is a symlink; refused/);
    expect(readdirSync(outside)).toEqual([]);
    expect(lstatSync(join(c, 'logs', D1220)).isSymbolicLink()).toBe(true);

    rmSync(join(c, 'logs'), { recursive: true });
    symlinkSync(outside, join(c, 'logs'));
    r = cli(c, ['add', archived(D1220)]);
    expect(r.status).toBe(1);
    expect(r.out).toMatch(/logs is a symlink; refused/);
    expect(readdirSync(outside)).toEqual([]);
  });

  it('with several files, all land or none: a failure before the second rename rolls the first back', () => {
    const c = content(['prodarch/2017-12-20']);
    const old = read(join(c, 'logs', D1220));
    const glossary = read(join(c, 'glossary/beifujin.md'));
    const args = ['add', '--merge', variant(D1220), archived(D0116)];
    for (const at of ['1', '2']) {
      const r = cli(c, args, { CKA_TEST_FAIL_BEFORE_RENAME: at });
      expect(r.status, r.out).toBe(1);
      expect(r.out).toContain('nothing was written (every file is as it was)');
      expect(read(join(c, 'logs', D1220))).toBe(old);
      expect(existsSync(join(c, 'logs', D0116))).toBe(false);
      expect(read(join(c, 'glossary/beifujin.md'))).toBe(glossary);
      const leftovers = spawnSync('find', [c, '-name', '*.tmp*'], { encoding: 'utf8' }).stdout.trim();
      expect(leftovers).toBe('');
    }
    const r = cli(c, args);
    expect(r.status, r.out).toBe(0);
    expect(r.stdout).toContain('merged prodarch/2017-12-20 (464 messages)');
    expect(r.stdout).toContain('added prodarch/2018-01-16 (140 messages)');
  });

  it('two adds of one day at once: the lock makes the second wait, then it sees the first one\'s day', async () => {
    const c = content([]);
    mkdirSync(join(c, 'logs/prodarch'));
    // The first holds the lock for a while between deciding and writing; the second starts inside that window.
    const first = cliAsync(c, ['add', archived(D1220)], { CKA_TEST_HOLD_LOCK_MS: '3000' });
    const t0 = Date.now();
    while (!existsSync(join(c, '.add.lock')) && Date.now() - t0 < 30_000) await new Promise((r) => setTimeout(r, 20));
    expect(existsSync(join(c, '.add.lock'))).toBe(true);
    const second = cliAsync(c, ['add', variant(D1220)]);
    const [a, b] = await Promise.all([first, second]);
    expect(a.status, a.out).toBe(0);
    expect(a.stdout).toContain('added prodarch/2017-12-20 (280 messages)');
    expect(b.status, b.out).toBe(1);
    expect(b.out).toContain('prodarch/2017-12-20 already exists and differs');
    expect(b.endedAt).toBeGreaterThanOrEqual(a.endedAt);
    expect(read(join(c, 'logs', D1220))).toBe(read(archived(D1220)));
    expect(existsSync(join(c, '.add.lock'))).toBe(false);
  }, 120_000);

  it('a lock left by a process that is gone is taken over, and said so', () => {
    const c = content([]);
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    writeFileSync(join(c, '.add.lock'), JSON.stringify({ pid: Number(gone), started: Date.now() - 1000, token: 'old' }));
    const r = cli(c, ['add', archived(D0116)]);
    expect(r.status, r.out).toBe(0);
    expect(r.stderr).toContain(`removed a stale lock of pid ${gone}`);
    expect(r.stdout).toContain('added prodarch/2018-01-16');
  });
});

describe('add and warnings', () => {
  it('a warning never blocks add, unless --strict', () => {
    const c = content([]);
    const dir = mkdtempSync(join(tmpdir(), 'cka-maint-in-'));
    made.push(dir);
    mkdirSync(join(dir, 'prodarch'));
    const src = read(archived(D0116)).replace('\n> 10:40:24  ', '\n> 10:40:24x  ');
    writeFileSync(join(dir, D0116), src);
    const strict = cli(c, ['add', '--strict', join(dir, D0116)]);
    expect(strict.status).toBe(1);
    expect(strict.stderr).toMatch(/2018-01-16-chat\.markdown:\d+: warning: "> 10:40:24x .*looks like a message header but is not one/);
    expect(existsSync(join(c, 'logs', D0116))).toBe(false);
    const plain = cli(c, ['add', join(dir, D0116)]);
    expect(plain.status).toBe(0);
    expect(plain.stderr).toMatch(/warning: "> 10:40:24x/);
    expect(plain.stdout).toContain('added prodarch/2018-01-16 (139 messages)');
  });
});

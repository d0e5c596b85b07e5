// The warnings and errors `check` adds for real-archive trouble, through the real CLI on real days, and
// the build (loadArchive, what every page calls) reaching the same verdicts and summing up its warnings.
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ARCHIVE, ROOT, cli, tempContent } from '../helpers/content.ts';

const made: string[] = [];
/** Without the glossary unless asked: reordered or edited real days make its citations wrong, rightly. */
function content(days: string[], glossary = false): string {
  const c = tempContent(days, { glossary });
  made.push(dirname(c));
  return c;
}
afterAll(() => { for (const d of made) rmSync(d, { recursive: true, force: true }); });
const real = (f: string) => readFileSync(join(ARCHIVE, f), 'utf8');
const put = (c: string, f: string, s: string) => { mkdirSync(dirname(join(c, 'logs', f)), { recursive: true }); writeFileSync(join(c, 'logs', f), s); };
const lineOf = (s: string, needle: string) => s.slice(0, s.indexOf(needle)).split('\n').length;
function blocks(source: string): { head: string; blocks: string[] } {
  const at = source.indexOf('\n> ') + 1;
  return { head: source.slice(0, at), blocks: source.slice(at).split(/(?=^> \d\d:\d\d:\d\d )/m) };
}
/** loadArchive in a child process, as `astro build` runs it. */
function build(c: string) {
  const script = join(dirname(c), 'build.ts');
  writeFileSync(script, `import { loadArchive } from ${JSON.stringify(join(ROOT, 'src/node/load.ts'))};\nconst a = loadArchive(${JSON.stringify(c)});\nconsole.log('built', a.days.length);\n`);
  const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), script], { cwd: ROOT, encoding: 'utf8' });
  return { status: r.status, out: r.stdout + r.stderr, stderr: r.stderr };
}

describe('check: header-like lines, a file cut short', () => {
  it('warns about lines that look like headers but are not, naming file and line and where the text went', () => {
    const c = content([]);
    const day = real('prodarch/2018-01-16-chat.markdown').replace('\n> 10:40:24  ', '\n> 10:00:01x 某人\n   \n> 10:00:02:03  某人\n   \n> 10:40:24  ');
    put(c, 'prodarch/2018-01-16-chat.markdown', day);
    const r = cli(c, ['check']);
    expect(r.status, r.out).toBe(0);
    const f = 'prodarch/2018-01-16-chat.markdown';
    expect(r.stdout).toContain(`${f}:${lineOf(day, '> 10:00:01x')}: warning: "> 10:00:01x 某人" looks like a message header but is not one`);
    expect(r.stdout).toContain(`${f}:${lineOf(day, '> 10:00:02:03')}: warning: "> 10:00:02:03  某人" looks like a message header but is not one`);
    expect(r.stdout).toMatch(/it is kept as text of message \d+ \(line \d+, 10:\d\d:\d\d /);
    expect(r.stderr).toContain('0 error(s), 2 warning(s)');
  });

  it('warns about a last header cut short, at the last line', () => {
    const c = content([]);
    const day = real('prodarch/2017-12-20-chat.markdown');
    const last = day.lastIndexOf('\n> ') + 1;
    put(c, 'prodarch/2017-12-20-chat.markdown', day.slice(0, last + '> 21:46:22  舒'.length)); // inside the speaker
    put(c, 'prodarch/2018-01-16-chat.markdown', real('prodarch/2018-01-16-chat.markdown').replace(/> [^\n]*\n   \n[^\n]*\n   \n$/, '> ')); // right after ">"
    const r = cli(c, ['check']);
    expect(r.status, r.out).toBe(0);
    expect(r.stdout).toMatch(/prodarch\/2017-12-20-chat\.markdown:\d+: warning: the file ends on the header of message 280, with no body/);
    expect(r.stdout).toMatch(/prodarch\/2018-01-16-chat\.markdown:\d+: warning: the file ends with "> ", a header cut short/);
  });
});

describe('check: times, size, copies, groups, duplicate days', () => {
  it('times running backwards: one warning per day with the count and the first line', () => {
    const c = content([]);
    const { head, blocks: bs } = blocks(real('prodarch/2017-12-20-chat.markdown'));
    const reversed = head + [...bs].reverse().join('');
    put(c, 'prodarch/2017-12-20-chat.markdown', reversed);
    const times = [...reversed.matchAll(/^> (\d\d:\d\d:\d\d) /gm)].map((m) => m[1]!);
    const back = times.filter((t, i) => i > 0 && t < times[i - 1]!).length;
    const r = cli(c, ['check']);
    expect(r.status).toBe(0);
    const warnings = r.stdout.split('\n').filter((l) => l.includes('times run backwards'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`times run backwards ${back} time(s)`);
    expect(back).toBeGreaterThan(200);
    const first = times.findIndex((t, i) => i > 0 && t < times[i - 1]!);
    expect(warnings[0]).toContain(`:${lineOf(reversed, `> ${times[first]}  `)}: warning:`);
  });

  it('an implausible day of more than 20,000 messages', () => {
    const c = content([]);
    const { head, blocks: bs } = blocks(real('prodarch/2017-12-20-chat.markdown'));
    put(c, 'prodarch/2017-12-20-chat.markdown', head + Array.from({ length: 72 }, () => bs.join('')).join(''));
    const r = cli(c, ['check']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('prodarch/2017-12-20-chat.markdown:1: warning: 20160 messages in one day is implausible (more than 20,000)');
  });

  it('a day identical to another (a copy under another group); real quiet days alike by nature are not flagged', () => {
    const c = content(['prodarch/2017-12-20', 'devarch/2018-02-17', 'prodarch/2018-02-17']);
    copyFileSync(join(ARCHIVE, 'prodarch/2017-12-20-chat.markdown'), join(c, 'logs/proddev/2017-12-20-chat.markdown'.replace('proddev/', (mkdirSync(join(c, 'logs/proddev'), { recursive: true }), 'proddev/'))));
    expect(readFileSync(join(c, 'logs/devarch/2018-02-17-chat.markdown'), 'utf8')).toBe(readFileSync(join(c, 'logs/prodarch/2018-02-17-chat.markdown'), 'utf8'));
    const r = cli(c, ['check']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('proddev/2017-12-20-chat.markdown:1: warning: this day is identical to prodarch/2017-12-20-chat.markdown (byte for byte, 280 messages)');
    expect(r.stdout).not.toMatch(/2018-02-17-chat\.markdown:\d+: warning: this day is identical/);
    expect(r.stdout).toMatch(/2018-02-17-chat\.markdown:\d+: warning: no messages/);
  });

  it('a group folder missing from groups.yaml', () => {
    const c = content([]);
    put(c, 'oldgroup/2018-01-16-chat.markdown', real('prodarch/2018-01-16-chat.markdown'));
    const r = cli(c, ['check']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('oldgroup/2018-01-16-chat.markdown:1: warning: group folder "oldgroup" is not in groups.yaml (1 day log(s))');
  });

  it('one day in two files (a copy in a sub-folder) is an error naming both, in check, export and the build', () => {
    const c = content(['devarch/2017-12-19']);
    put(c, 'devarch/backup/2017-12-19-chat.markdown', real('devarch/2017-12-19-chat.markdown'));
    const both = 'day devarch/2017-12-19 is in two files: devarch/2017-12-19-chat.markdown and devarch/backup/2017-12-19-chat.markdown';
    const r = cli(c, ['check']);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`devarch/backup/2017-12-19-chat.markdown:1: ${both}`);
    const e = cli(c, ['export']);
    expect(e.status).toBe(1);
    expect(e.stderr).toContain(both);
    const b = build(c);
    expect(b.status).not.toBe(0);
    expect(b.out).toContain(both);
  });
});

describe('check: glossary citations', () => {
  it('a citation of a message that does not mention the term is an error naming the glossary file and line', () => {
    const c = content(['prodarch/2017-12-20'], true);
    const g = join(c, 'glossary/beifujin.md');
    writeFileSync(g, readFileSync(g, 'utf8').replace('prodarch/2017-12-20/140', 'prodarch/2017-12-20/1'));
    const r = cli(c, ['check']);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/content\/glossary\/beifujin\.md:6: source prodarch\/2017-12-20\/1 does not mention 备付金 \/ 主备付金 \/ 备付金账户: it says "20171218-微服务下支付宝接入"/);
    expect(build(c).out).toContain('glossary/beifujin.md:6: source prodarch/2017-12-20/1 does not mention');
  });
});

describe('the build publishes past warnings in one summary', () => {
  it('prints the warnings once, with counts by kind and file:line', () => {
    const c = content(['prodarch/2017-12-20'], true);
    put(c, 'prodarch/2018-01-16-chat.markdown', real('prodarch/2018-01-16-chat.markdown').replace('\n> 10:40:24  ', '\n> 10:00:01x 某人\n   \n> 10:40:24  '));
    const b = build(c);
    expect(b.status, b.out).toBe(0);
    expect(b.out).toContain('built 2');
    expect(b.stderr.match(/warning\(s\) in the day logs, published anyway/g)).toHaveLength(1);
    expect(b.stderr).toMatch(/prodarch\/2018-01-16-chat\.markdown:\d+: warning: "> 10:00:01x 某人" looks like a message header/);
    // Counts by kind: the glossary's citations of days this content lacks are one kind, the header-like line another.
    expect(b.stderr).toMatch(/^ +1 +"…" looks like a message header but is not one/m);
    expect(b.stderr).toMatch(/^ +\d+ +source <id> cites day <id>, which is not in the logs$/m);
  });
});

describe('the whole real archive', () => {
  it('checks clean: no errors, and its only warnings are its 36 quiet days (front matter, no messages)', () => {
    const r = cli(content([]), ['check', '--logs', ARCHIVE]);
    expect(r.status, r.out).toBe(0);
    const warnings = r.stdout.split('\n').filter(Boolean);
    expect(warnings).toHaveLength(36);
    for (const w of warnings) expect(w).toMatch(/-chat\.markdown:\d+: warning: no messages/);
    expect(r.stderr).toContain('checked 719 file(s), 123706 message(s)');
  }, 120_000);
});

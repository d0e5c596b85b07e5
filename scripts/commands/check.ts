// check --logs <dir>: validates day logs only; prints `file:line: problem` for each error and
// `file:line: warning: …` for each warning; exits 1 if there is any error (warnings alone exit 0).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { checkLog, formatProblem, sortProblems } from '../../src/ingest/check.ts';
import { contentDir, listLogFiles, readGlossaryFiles, readGroups } from '../../src/node/load.ts';
import { checkLogSet, type CheckedLog } from '../../src/ingest/checks/index.ts';
import { checkCorrections, CORRECTIONS_FILE, parseCorrections } from '../../src/threads/corrections.ts';
import type { Problem } from '../../src/model/types.ts';

export const summary = 'check --logs <dir>  validate day logs (and content/corrections.yaml); prints file:line: problem, exits 1 on errors';

const USAGE = 'usage: npm run cli -- check [--logs <dir>]   (default: the content folder\'s logs/)';

export async function run(args: string[]): Promise<number> {
  let logs: string | undefined;
  let corrections: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--logs' && i + 1 < args.length) logs = args[++i];
    else if (a === '--corrections' && i + 1 < args.length) corrections = args[++i];
    else if (a === '--help' || a === '-h') { console.log(USAGE); return 0; }
    else { console.error(`error: unexpected argument "${a}"\n${USAGE}`); return 2; }
  }
  const content = contentDir();
  const shown = logs ?? (relative(process.cwd(), join(content, 'logs')) || '.');
  const dir = resolve(shown);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    console.error(`error: logs folder "${shown}" does not exist`);
    return 2;
  }
  const files = listLogFiles(dir);
  const problems: Problem[] = [];
  const checked: CheckedLog[] = [];
  const counts = new Map<string, number>();
  let messages = 0;
  for (const p of files) {
    const file = relative(dir, p).split('\\').join('/');
    // A folder of one group (`--logs content/logs/devarch`) holds its logs at the top.
    const opts = file.includes('/') ? {} : { group: basename(dir) };
    const bytes = readFileSync(p);
    const r = checkLog(file, bytes, opts);
    messages += r.parsed?.day.messages.length ?? 0;
    if (r.parsed) counts.set(r.parsed.day.id, r.parsed.day.messages.length);
    problems.push(...r.problems);
    if (r.parsed) checked.push({ file, source: new TextDecoder().decode(bytes), day: r.parsed.day });
  }
  // The maintainers' corrections name messages of these logs: the content folder's own file when checking its
  // logs, or the one given.
  const correctionsFile = corrections ?? (logs === undefined ? join(content, CORRECTIONS_FILE) : undefined);
  const correctionProblems: Problem[] = [];
  if (correctionsFile && (corrections !== undefined || existsSync(correctionsFile))) {
    if (!existsSync(correctionsFile)) { console.error(`error: corrections file "${correctionsFile}" does not exist`); return 2; }
    const source = readFileSync(correctionsFile, 'utf8');
    const file = relative(process.cwd(), correctionsFile) || correctionsFile;
    const parsed = parseCorrections(source, file);
    correctionProblems.push(...parsed.problems, ...checkCorrections(parsed.corrections, (d) => counts.get(d), source, file));
  }
  if (!files.length) problems.push({ file: '.', line: 1, severity: 'error', message: 'no day logs found' });
  // Citations are verified against the logs checked; a day missing from them is a warning only when
  // they are the content's own logs (a folder of one group cites nothing of the others).
  const allDays = dir === resolve(content, 'logs');
  const glossary = readGlossaryFiles(content);
  const extra = checkLogSet(checked, { groups: readGroups(content).map((g) => g.slug), glossary, allDays });
  const logProblems = sortProblems([...problems, ...extra.filter((p) => !p.file.startsWith('glossary/'))]);
  const glossaryProblems = sortProblems(extra.filter((p) => p.file.startsWith('glossary/')));
  const prefix = shown.endsWith('/') ? shown : shown + '/';
  const contentShown = relative(process.cwd(), content) || '.';
  for (const p of logProblems) console.log(formatProblem(p, prefix));
  for (const p of glossaryProblems) console.log(formatProblem(p, contentShown + '/'));
  for (const p of correctionProblems) console.log(formatProblem(p));
  const all = [...logProblems, ...glossaryProblems, ...correctionProblems];
  const errors = all.filter((p) => p.severity === 'error').length;
  console.error(`checked ${files.length} file(s), ${messages} message(s), ${glossary.length} glossary file(s): ${errors} error(s), ${all.length - errors} warning(s)`);
  return errors ? 1 : 0;
}

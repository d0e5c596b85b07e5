// check --logs <dir>: validates day logs only; prints `file:line: problem` for each problem, exits 1 if any.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { checkLog, formatProblem } from '../../src/core/check.ts';
import { checkCorrections, CORRECTIONS_FILE, parseCorrections } from '../../src/core/corrections.ts';
import { contentDir, listLogFiles } from '../../src/node/load.ts';
import type { Problem } from '../../src/core/types.ts';

export const summary = 'check --logs <dir>  validate day logs (and content/corrections.yaml); prints file:line: problem, exits 1 if any';

const USAGE = 'usage: npm run cli -- check [--logs <dir>] [--corrections <file>]   (default: the content folder\'s logs/ and its corrections.yaml when present)';

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
  const shown = logs ?? relative(process.cwd(), join(contentDir(), 'logs')) ?? '.';
  const dir = resolve(shown);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    console.error(`error: logs folder "${shown}" does not exist`);
    return 2;
  }
  const files = listLogFiles(dir);
  const problems: Problem[] = [];
  const counts = new Map<string, number>();
  let messages = 0;
  for (const p of files) {
    const file = relative(dir, p).split('\\').join('/');
    // A folder of one group (`--logs content/logs/devarch`) holds its logs at the top.
    const opts = file.includes('/') ? {} : { group: basename(dir) };
    const r = checkLog(file, readFileSync(p), opts);
    messages += r.parsed?.day.messages.length ?? 0;
    if (r.parsed) counts.set(r.parsed.day.id, r.parsed.day.messages.length);
    problems.push(...r.problems);
  }
  // The maintainers' corrections name messages of these logs: the content folder's own file when checking its
  // logs, or the one given.
  const correctionsFile = corrections ?? (logs === undefined ? join(contentDir(), CORRECTIONS_FILE) : undefined);
  const correctionProblems: Problem[] = [];
  if (correctionsFile && (corrections !== undefined || existsSync(correctionsFile))) {
    if (!existsSync(correctionsFile)) { console.error(`error: corrections file "${correctionsFile}" does not exist`); return 2; }
    const source = readFileSync(correctionsFile, 'utf8');
    const file = relative(process.cwd(), correctionsFile) || correctionsFile;
    const parsed = parseCorrections(source, file);
    correctionProblems.push(...parsed.problems, ...checkCorrections(parsed.corrections, (d) => counts.get(d), source, file));
  }
  if (!files.length) problems.push({ file: '.', line: 1, severity: 'error', message: 'no day logs found' });
  for (const p of problems) console.log(formatProblem(p, shown.endsWith('/') ? shown : shown + '/'));
  for (const p of correctionProblems) console.log(formatProblem(p));
  problems.push(...correctionProblems);
  const errors = problems.filter((p) => p.severity === 'error').length;
  console.error(`checked ${files.length} file(s), ${messages} message(s): ${errors} error(s), ${problems.length - errors} warning(s)`);
  return problems.length ? 1 : 0;
}

// IO edge: reads a content folder into ArchiveInput, and caches the built Archive per process.
import { readFileSync, readdirSync, existsSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import yaml from 'js-yaml';
import { buildArchive } from '../pipeline/archive.ts';
import { analysisMemo } from './analysis-cache.ts';
import { checkFileName, decodeLog, forgedHeaderProblems, formatProblem, sortProblems } from '../ingest/check.ts';
import type { Archive, ArchiveInput, Group, Problem, Topic } from '../model/types.ts';
import { checkLogSet } from '../ingest/checks/index.ts';
import { warningSummary } from './warning-summary.ts';
import { CORRECTIONS_FILE } from '../threads/corrections.ts';
import { count, timed } from './progress.ts';
import { readPrivacy } from './privacy-config.ts';
import { parallelDayThreads, type ParallelReport } from './parallel-threads.ts';

/** The content folder: $CKA_CONTENT_DIR, else ./content. */
export function contentDir(): string {
  return resolve(process.env.CKA_CONTENT_DIR ?? 'content');
}

/**
 * Every file under the logs folder (hidden files skipped), sorted. Not only `*.markdown`: a misnamed
 * log must be reported by validation, not silently left out of the site.
 */
export function listLogFiles(logsDir: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      if (name.startsWith('.')) continue;
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(p);
    }
  };
  if (existsSync(logsDir)) walk(logsDir);
  return out;
}

function readYaml<T>(path: string, fallback: T): T {
  return existsSync(path) ? ((yaml.load(readFileSync(path, 'utf8')) as T) ?? fallback) : fallback;
}

/** Path relative to the logs root, with forward slashes (the `file` of Day and Problem). */
function relFile(logsDir: string, p: string): string {
  return relative(logsDir, p).split('\\').join('/');
}

/**
 * Reads every log's bytes and decodes them (BOM allowed; CRLF is handled by the parser). Files that
 * are not UTF-8 are left out of `logs` and reported in `problems`, as are misnamed files.
 */
export function readLogsChecked(logsDir: string): { logs: ArchiveInput['logs']; problems: Problem[] } {
  const logs: ArchiveInput['logs'] = [];
  const problems: Problem[] = [];
  for (const p of listLogFiles(logsDir)) {
    const file = relFile(logsDir, p);
    problems.push(...checkFileName(file));
    const dec = decodeLog(file, readFileSync(p));
    problems.push(...dec.problems);
    if (dec.source !== null) logs.push({ file, source: dec.source });
  }
  return { logs, problems };
}

/** The logs of a folder as UTF-8 text; throws (listing `file:line: problem`) when a file is not UTF-8. */
export function readLogs(logsDir: string): ArchiveInput['logs'] {
  const { logs, problems } = readLogsChecked(logsDir);
  const undecodable = problems.filter((p) => p.severity === 'error' && !logs.some((l) => l.file === p.file));
  if (undecodable.length) throw new LogProblemsError(undecodable, logsDir);
  return logs;
}

/** Thrown instead of building anything from broken input; the message lists every error. */
export class LogProblemsError extends Error {
  constructor(readonly problems: Problem[], logsDir: string) {
    super(`${problems.length} problem(s) in the day logs of ${logsDir}:\n` + problems.map((p) => '  ' + formatProblem(p)).join('\n'));
    this.name = 'LogProblemsError';
  }
}

export function readContent(dir = contentDir(), logsDir = join(dir, 'logs')): ArchiveInput {
  return { ...readContentMeta(dir), logs: readLogs(logsDir) };
}

/** The groups of content/groups.yaml (slug -> display name). */
export function readGroups(dir = contentDir()): Group[] {
  return readYaml<Group[]>(join(dir, 'groups.yaml'), []);
}

/** Everything of a content folder except the logs: groups, topics, glossary. */
/** The glossary files of a content folder (`glossary/<slug>.md`), sorted. */
export function readGlossaryFiles(dir = contentDir()): { file: string; source: string }[] {
  const glossaryDir = join(dir, 'glossary');
  return existsSync(glossaryDir)
    ? readdirSync(glossaryDir).filter((n) => n.endsWith('.md')).sort().map((n) => ({ file: `glossary/${n}`, source: readFileSync(join(glossaryDir, n), 'utf8') }))
    : [];
}

export function readContentMeta(dir: string): Omit<ArchiveInput, 'logs'> {
  const glossary = readGlossaryFiles(dir);
  const topics = readYaml<{ slug: string; name: string; description?: string; terms?: string[]; broad?: boolean; unless?: string[]; context?: string[] }[]>(join(dir, 'topics.yaml'), []).map(
    (t): Topic => ({
      slug: t.slug, name: t.name, description: t.description ?? '', terms: t.terms ?? [],
      ...(t.broad ? { broad: true } : {}), ...(t.unless?.length ? { unless: t.unless.map(String) } : {}),
      ...(t.context?.length ? { context: t.context.map(String) } : {}),
    }),
  );
  const corrections = join(dir, CORRECTIONS_FILE);
  return { groups: readGroups(dir), topics, glossary, privacy: readPrivacy(dir), ...(existsSync(corrections) ? { corrections: { file: CORRECTIONS_FILE, source: readFileSync(corrections, 'utf8') } } : {}) };
}

// Kept on globalThis: during `astro build` the pages' bundle and the search-index integration load this module as
// two separate instances, and a module-level map made each of them build the whole archive again.
const CACHE_KEY = Symbol.for('chat-knowledge-archive.archives');
const cache: Map<string, Archive> = ((globalThis as Record<symbol, unknown>)[CACHE_KEY] as Map<string, Archive> | undefined) ??
  ((globalThis as Record<symbol, unknown>)[CACHE_KEY] = new Map<string, Archive>());

/**
 * The archive of a content folder, built once per process (Astro renders many pages from it).
 * Fails with every error-severity problem (`file:line: problem`) rather than building a site from
 * broken input; warnings stay in `archive.problems`. With `analysisCache` (a folder; the site build passes
 * analysisCacheDir()), parsed days and their threads are read from and written to an on-disk cache keyed by
 * content and code (src/node/analysis-cache.ts); the first call for a folder decides.
 */
export function loadArchive(dir = contentDir(), opts: { analysisCache?: string; /** spread the days' threads over a worker thread too (the site build) */ workerThreads?: boolean } = {}): Archive {
  let a = cache.get(dir);
  if (!a) {
    const logsDir = join(dir, 'logs');
    const { logs, problems: fileProblems } = timed('read logs', () => readLogsChecked(logsDir), (r) => `${count(r.logs.length)} files`);
    const meta = readContentMeta(dir);
    const memo = opts.analysisCache ? analysisMemo(opts.analysisCache) : undefined;
    const parallel: ParallelReport = { onWorker: 0, note: null };
    const built = timed(
      'parse+threads',
      () => {
        const b = buildArchive({ ...meta, logs }, memo, opts.workerThreads ? parallelDayThreads(meta, parallel) : undefined);
        return { b, pruned: memo?.prune() ?? 0 };
      },
      ({ b, pruned }) => archiveSummary(b) + (memo ? `; cache: ${count(memo.stats.threadHits)} of ${count(b.days.length)} days reused${pruned ? `, ${count(pruned)} stale entries removed` : ''}` : '')
        + (parallel.onWorker ? `; threads of ${count(parallel.onWorker)} days on a worker thread` : parallel.note ? `; threads on the main thread only: ${parallel.note}` : ''),
    ).b;
    // The checks `check` runs (same module, same verdicts): duplicate days, header-like lines, citations…
    const byFile = new Map(built.days.map((d) => [d.file, d]));
    const checked = logs.flatMap((l) => { const day = byFile.get(l.file); return day ? [{ file: l.file, source: l.source, day }] : []; });
    const extra = checkLogSet(checked, { groups: meta.groups.map((g) => g.slug), glossary: meta.glossary, allDays: true });
    for (const l of checked) extra.push(...forgedHeaderProblems(l.file, l.source, { day: l.day, problems: [] }));
    built.problems = sortProblems([...fileProblems, ...built.problems, ...extra]);
    const errors = built.problems.filter((p) => p.severity === 'error');
    if (errors.length) throw new LogProblemsError(errors, logsDir);
    // The build publishes past warnings, so it says which, once, in one summary.
    const summary = warningSummary(built.problems);
    if (summary) console.warn(summary);
    a = built;
    cache.set(dir, a);
  }
  return a;
}

/** The counts a build prints once the archive is analysed. */
function archiveSummary(a: Archive): string {
  const quiet = a.days.filter((d) => d.messages.length === 0).length;
  const messages = a.days.reduce((n, d) => n + d.messages.length, 0);
  return `${count(a.days.length)} days (${count(quiet)} quiet), ${count(messages)} messages, ${count(a.threads.length)} threads, ${count(a.speakers.length)} speakers`;
}

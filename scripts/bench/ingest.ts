// Ingest benchmark: messages/s, MB/s and memory for reading, parsing, speakers and the whole pipeline
// (buildArchive), over the bundled logs and over a synthetic archive of >= 100,000 messages.
// `npm run bench -- ingest [--messages=100000] [--seed=1]`. Each stage runs in its own child process,
// so its peak RSS is its own; heap is measured after a forced GC with the stage's result still alive.
// Measures, never asserts.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { buildArchive } from '../../src/pipeline/archive.ts';
import { parseDay } from '../../src/ingest/parse.ts';
import { assignSpeakers } from '../../src/speakers/assign.ts';
import { contentDir, readContent, readLogs } from '../../src/node/load.ts';
import { generateLogs } from '../../src/synth/generate.ts';

const SELF = fileURLToPath(import.meta.url);
const ROOT = resolve(dirname(SELF), '../..');
const STAGES = ['read', 'parse', 'speakers', 'pipeline'] as const;
type Stage = (typeof STAGES)[number];

interface Result {
  stage: Stage;
  files: number;
  messages: number;
  bytes: number;
  ms: number;
  peakRssMB: number;
  baseRssMB: number;
  heapAfterMB: number;
}

function opt(args: string[], name: string, dflt: string): string {
  const a = args.find((x) => x.startsWith(`--${name}=`));
  return a ? a.slice(name.length + 3) : dflt;
}

/** Writes (once per seed and size) a synthetic logs folder with at least `target` messages. */
function synthDir(target: number, seed: number): { dir: string; messages: number } {
  const dir = join(tmpdir(), `cka-bench-ingest-${seed}-${target}`);
  const marker = join(dir, '.complete');
  if (existsSync(marker)) return { dir, messages: Number(JSON.parse(readFileSync(marker, 'utf8')).messages) };
  let messages = 0;
  let days = 0;
  // Generate day by day until the target is reached: the generator is lazy and prefix-stable.
  for (const log of generateLogs({ days: 1_000_000, seed })) {
    const p = join(dir, log.file);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, log.source);
    messages += log.messages;
    days++;
    if (messages >= target) break;
  }
  writeFileSync(marker, JSON.stringify({ messages, days }));
  return { dir, messages };
}

const mb = (n: number) => n / (1024 * 1024);

/** Runs in the child: one stage over one logs folder, prints a Result as JSON. */
function child(stage: Stage, logsDir: string): void {
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
  // Inputs other than logs (groups, topics, glossary) come from the bundled content, as in a real build.
  const base = stage === 'read' ? null : readContent(contentDir(), logsDir);
  const parsed = stage === 'speakers' ? base!.logs.map((l) => parseDay(l.source, l.file).day) : null;
  gc();
  const baseRss = process.memoryUsage().rss;
  const t0 = performance.now();
  let keep: unknown;
  let files = 0;
  let messages = 0;
  let bytes = 0;
  if (stage === 'read') {
    const logs = readLogs(logsDir);
    keep = logs;
    files = logs.length;
    for (const l of logs) bytes += Buffer.byteLength(l.source);
  } else if (stage === 'parse') {
    const days = base!.logs.map((l) => parseDay(l.source, l.file).day);
    keep = days;
    for (const d of days) messages += d.messages.length;
  } else if (stage === 'speakers') {
    const r = assignSpeakers(parsed!);
    keep = r;
    for (const d of r.days) messages += d.messages.length;
  } else {
    const a = buildArchive(base!);
    keep = a;
    for (const d of a.days) messages += d.messages.length;
  }
  const ms = performance.now() - t0;
  if (base) { files = base.logs.length; for (const l of base.logs) bytes += Buffer.byteLength(l.source); }
  if (stage === 'read') messages = -1;
  gc();
  const heapAfter = process.memoryUsage().heapUsed;
  void keep;
  const res: Result = {
    stage, files, messages, bytes, ms,
    // maxRSS is in kilobytes: the high-water mark of the whole child, setup included.
    peakRssMB: process.resourceUsage().maxRSS / 1024,
    baseRssMB: mb(baseRss),
    heapAfterMB: mb(heapAfter),
  };
  process.stdout.write(JSON.stringify(res) + '\n');
}

function runStage(stage: Stage, logsDir: string): Result {
  const r = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=4096', '--import', 'tsx', SELF, '--child', stage, logsDir], {
    cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 24,
  });
  if (r.status !== 0) throw new Error(`ingest bench child (${stage}) failed:\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Result;
}

export async function run(args: string[]): Promise<void> {
  const target = Number(opt(args, 'messages', '100000'));
  const seed = Number(opt(args, 'seed', '1'));
  const t0 = performance.now();
  const synth = synthDir(target, seed);
  console.error(`synthetic archive: ${synth.messages} messages in ${synth.dir} (${((performance.now() - t0) / 1000).toFixed(1)} s to prepare)`);
  const inputs: [string, string][] = [['bundled content/logs', join(contentDir(), 'logs')], [`synthetic (seed ${seed})`, synth.dir]];
  console.log('| input | stage | files | messages | MB | time (s) | messages/s | MB/s | peak RSS (MB) | RSS before (MB) | heap after (MB) |');
  console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const [label, dir] of inputs) {
    let messages = 0;
    for (const stage of STAGES) {
      const r = runStage(stage, dir);
      if (r.messages >= 0) messages = r.messages;
      const s = r.ms / 1000;
      const n = r.messages >= 0 ? r.messages : messages;
      console.log(`| ${label} | ${stage} | ${r.files} | ${r.messages >= 0 ? r.messages : '—'} | ${mb(r.bytes).toFixed(1)} | ${s.toFixed(2)} | ${n ? Math.round(n / s).toLocaleString('en-US') : '—'} | ${(mb(r.bytes) / s).toFixed(1)} | ${r.peakRssMB.toFixed(0)} | ${r.baseRssMB.toFixed(0)} | ${r.heapAfterMB.toFixed(0)} |`);
    }
  }
  console.log('\nread = readLogs (IO); parse = parseDay over every log; speakers = assignSpeakers over parsed days;');
  console.log('pipeline = buildArchive (parse, speakers, threads, qa, topics, glossary). Peak RSS is the child\'s');
  console.log('high-water mark (inputs included); heap after = heap in use after GC with the result alive.');
}

const i = process.argv.indexOf('--child');
if (i >= 0) child(process.argv[i + 1] as Stage, process.argv[i + 2]!);

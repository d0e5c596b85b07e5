// IO edge: a DayThreadsRunner (src/pipeline/archive.ts) that computes the days' threads on two threads, this one and
// a worker (src/node/workers/threads.ts): the cold build's longest step used one core of two. buildArchive stays
// synchronous, so this thread waits for the worker with Atomics.wait and takes its reply with receiveMessageOnPort.
// The worker runs the same pure step on structured clones of the same days, so the threads are those computed
// in-thread. A worker that cannot start, fails or does not answer in time is replaced by computing its days here.
import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads';
import type { ArchiveInput } from '../model/types.ts';
import type { DayJob, DayThreadsRunner } from '../pipeline/archive.ts';
import type { ThreadsReply, ThreadsWork } from './workers/threads.ts';
import { startTsWorker } from './ts-worker.ts';

/** Below this many days a worker's start-up (loading the pipeline's modules) costs more than it saves. */
const MIN_DAYS = 24;
/** How long this thread waits for the worker before computing its days itself. */
const PATIENCE_MS = 30 * 60_000;

export interface ParallelReport {
  /** Days computed on the worker, and why none were when it could not help. */
  onWorker: number;
  note: string | null;
}

/** Splits jobs in two halves of about equal message count (largest first, each to the lighter side). */
function split(jobs: DayJob[]): [number[], number[]] {
  const order = jobs.map((_, i) => i).sort((a, b) => jobs[b]!.day.messages.length - jobs[a]!.day.messages.length || a - b);
  const sides: [number[], number[]] = [[], []];
  const load = [0, 0];
  for (const i of order) {
    const s = load[0]! <= load[1]! ? 0 : 1;
    sides[s]!.push(i);
    load[s]! += jobs[i]!.day.messages.length + 1;
  }
  return sides;
}

export function parallelDayThreads(
  input: Pick<ArchiveInput, 'glossary' | 'topics'>,
  report: ParallelReport = { onWorker: 0, note: null },
  opts: { minDays?: number; worker?: URL } = {},
): DayThreadsRunner {
  const worker = opts.worker ?? new URL('./workers/threads.ts', import.meta.url);
  return (jobs, compute) => {
    if (jobs.length < (opts.minDays ?? MIN_DAYS)) return jobs.map(compute);
    const [mine, theirs] = split(jobs);
    const { port1, port2 } = new MessageChannel();
    const signal = new Int32Array(new SharedArrayBuffer(4));
    const work: ThreadsWork = { port: port2, signal, glossary: input.glossary, topics: input.topics, jobs: theirs.map((i) => jobs[i]!) };
    let w;
    try {
      w = startTsWorker(worker, { workerData: work, transferList: [port2] });
    } catch (e) {
      report.note = `no worker (${e instanceof Error ? e.message : String(e)})`;
    }
    if (!w) {
      report.note ??= 'no TypeScript loader for a worker';
      return jobs.map(compute);
    }
    // Heard once this thread is free again; a failure while it waited shows as no reply (below).
    w.on('error', () => {});
    const out: ReturnType<typeof compute>[] = new Array(jobs.length);
    for (const i of mine) out[i] = compute(jobs[i]!);
    const deadline = Date.now() + PATIENCE_MS;
    let reply: ThreadsReply | null = null;
    while (!reply) {
      const m = receiveMessageOnPort(port1);
      if (m) { reply = m.message as ThreadsReply; break; }
      if (Atomics.load(signal, 0) === -1 || Date.now() > deadline) break;
      Atomics.wait(signal, 0, 0, 1000);
    }
    void w.terminate();
    port1.close();
    if (reply?.ok) {
      theirs.forEach((i, k) => (out[i] = reply.threads[k]!));
      report.onWorker = theirs.length;
    } else {
      report.note = reply ? `the worker failed: ${reply.error}` : Atomics.load(signal, 0) === -1 ? 'the worker could not load' : 'the worker did not answer';
      for (const i of theirs) out[i] = compute(jobs[i]!);
    }
    return out;
  };
}

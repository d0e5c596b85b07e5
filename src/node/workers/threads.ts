// Worker-thread entry: computes the threads of the days it is given (buildThreads, the very step the main thread
// runs) and posts them on its port, then wakes the main thread, which waits synchronously (../parallel-threads.ts).
import { workerData, type MessagePort } from 'node:worker_threads';
import type { ArchiveInput, Thread } from '../../model/types.ts';
import { buildThreads, sharedOf, type DayJob } from '../../pipeline/archive.ts';
import { parseGlossaryFile } from '../../glossary/glossary.ts';

export interface ThreadsWork {
  port: MessagePort;
  /** Set to 1 (and notified) once the reply is on the port. */
  signal: Int32Array;
  glossary: ArchiveInput['glossary'];
  topics: ArchiveInput['topics'];
  jobs: DayJob[];
}

export type ThreadsReply = { ok: true; threads: Thread[][] } | { ok: false; error: string };

const work = workerData as ThreadsWork | undefined;
if (work) {
  let reply: ThreadsReply;
  try {
    const shared = sharedOf(work.glossary.map((g) => parseGlossaryFile(g.file, g.source)), work.topics);
    reply = { ok: true, threads: work.jobs.map((j) => buildThreads(j.day, shared, j.corrections)) };
  } catch (e) {
    reply = { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
  work.port.postMessage(reply);
  Atomics.store(work.signal, 0, 1);
  Atomics.notify(work.signal, 0);
}

// IO edge: term vectors trained in a worker thread (src/node/workers/vectors.ts). The same pure function runs
// there as in-thread, on the same input, so the vectors are bit for bit those of trainTermVectors; without a
// TypeScript loader for the worker, or if the worker fails, they are trained here instead and the reason is returned.
import type { TermDoc, TermVectors, VectorOptions } from '../semantic/vectors.ts';
import { trainTermVectors } from '../semantic/vectors.ts';
import type { TrainReply, TrainRequest } from './workers/vectors.ts';
import { startTsWorker } from './ts-worker.ts';

export interface Trained {
  vectors: TermVectors;
  /** null when a worker trained them; else why they were trained on this thread. */
  inThread: string | null;
}

const fromReply = (r: TrainReply): TermVectors => ({ ...r, index: new Map(r.terms.map((t, i) => [t, i])) });

export function trainInWorker(docs: TermDoc[], opts: VectorOptions, worker = new URL('./workers/vectors.ts', import.meta.url)): Promise<Trained> {
  const here = (why: string): Trained => ({ vectors: trainTermVectors(docs, opts), inThread: why });
  let w;
  try {
    w = startTsWorker(worker);
  } catch (e) {
    return Promise.resolve(here(`no worker (${e instanceof Error ? e.message : String(e)})`));
  }
  if (!w) return Promise.resolve(here('no TypeScript loader for a worker'));
  const thread = w;
  return new Promise<Trained>((resolve) => {
    let done = false;
    const finish = (t: () => Trained) => {
      if (done) return;
      done = true;
      void thread.terminate();
      resolve(t());
    };
    thread.once('message', (r: TrainReply) => finish(() => ({ vectors: fromReply(r), inThread: null })));
    thread.once('error', (e) => finish(() => here(`the worker failed: ${e.message}`)));
    thread.once('exit', (code) => finish(() => here(`the worker exited (${code})`)));
    thread.postMessage({ docs, opts } satisfies TrainRequest);
  });
}

// IO edge: term vectors trained in a worker thread (src/node/workers/vectors.ts). The same pure function runs
// there as in-thread, on the same input, so the vectors are bit for bit those of trainTermVectors; without a
// TypeScript loader for the worker, or if the worker fails, they are trained here instead and the reason is returned.
import type { TermDoc, TermVectors, VectorOptions } from '../semantic/vectors.ts';
import { trainTermVectors } from '../semantic/vectors.ts';
import type { TrainReply, TrainRequest } from './workers/vectors.ts';
import { requestOnce } from './ts-worker.ts';

export interface Trained {
  vectors: TermVectors;
  /** null when a worker trained them; else why they were trained on this thread. */
  inThread: string | null;
}

const fromReply = (r: TrainReply): TermVectors => ({ ...r, index: new Map(r.terms.map((t, i) => [t, i])) });

export function trainInWorker(docs: TermDoc[], opts: VectorOptions, worker = new URL('./workers/vectors.ts', import.meta.url)): Promise<Trained> {
  const here = (why: string): Trained => ({ vectors: trainTermVectors(docs, opts), inThread: why });
  return requestOnce<TrainReply>(worker, { docs, opts } satisfies TrainRequest).then((r) =>
    'reply' in r ? { vectors: fromReply(r.reply), inThread: null } : here(r.failed));
}

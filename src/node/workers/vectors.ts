// Worker-thread entry: trains term vectors (src/semantic/vectors.ts) off the main thread, so the build renders, bundles or
// scores related discussions on the other core meanwhile. One request per worker; the float arrays are transferred.
import { parentPort } from 'node:worker_threads';
import { trainTermVectors, type TermDoc, type VectorOptions } from '../../semantic/vectors.ts';

export interface TrainRequest {
  docs: TermDoc[];
  opts: VectorOptions;
}

export interface TrainReply {
  dim: number;
  terms: string[];
  data: Float32Array;
  df: Float64Array;
  docs: number;
}

parentPort?.once('message', (req: TrainRequest) => {
  const v = trainTermVectors(req.docs, req.opts);
  const reply: TrainReply = { dim: v.dim, terms: v.terms, data: v.data, df: v.df, docs: v.docs };
  parentPort!.postMessage(reply, [v.data.buffer as ArrayBuffer, v.df.buffer as ArrayBuffer]);
});

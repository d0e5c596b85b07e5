// The build's transformers.js embeddings for question search and recurring questions, once computed in this
// process (src/semantic/ask-embeddings.ts computes them; the question index and the recurring-question grouping
// read them). Its own module so that readers need not import the embedder.
import type { Archive } from '../model/types.ts';
import { processMemo } from '../pipeline/process-memo.ts';

export interface AskEmbeddings {
  /** The embedder's id (model, quantization, prefix): what the index records as its model. */
  id: string;
  dim: number;
  /** Per numbered thread (src/search/ask-build.ts numberedThreads): its embedding, null when too short to embed. */
  threads: (Float32Array | null)[];
  /** Thread id -> the embedding of its question's text. */
  questions: Map<string, Float32Array>;
}

/** Archive -> its embeddings, or null when no model is present (set by getAskEmbeddings). */
export const askEmbeddingsReady = processMemo<Archive, AskEmbeddings | null>('ask-embeddings-ready');

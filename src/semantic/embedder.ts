// Sentence embeddings with @xenova/transformers: feature extraction, mean pooling, L2-normalized.
// The model is loaded from a local folder; the hub is used only when the configuration allows it.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { SemanticConfig } from '../node/config.ts';

export interface Embedder {
  /** Identifies the vectors (model and prefix) so cached vectors from another model are never mixed in. */
  id: string;
  dim: number;
  embed(texts: string[]): Promise<Float32Array[]>;
}

/** Why no model could be loaded, in one line a user can act on. */
export class ModelUnavailable extends Error {}

export function modelPath(cfg: SemanticConfig): string {
  return join(cfg.modelDir, cfg.model);
}

export async function loadEmbedder(cfg: SemanticConfig, opts: { batchSize?: number } = {}): Promise<Embedder> {
  const local = modelPath(cfg);
  if (!cfg.allowRemoteModels && !existsSync(join(local, 'config.json'))) {
    throw new ModelUnavailable(`no embedding model at ${local}`);
  }
  // Imported lazily: the site build on a machine without a model never loads onnxruntime.
  const { pipeline, env } = await import('@xenova/transformers');
  env.localModelPath = cfg.modelDir.endsWith('/') ? cfg.modelDir : `${cfg.modelDir}/`;
  env.allowLocalModels = true;
  env.allowRemoteModels = cfg.allowRemoteModels;
  env.cacheDir = join(cfg.cacheDir, '..', 'transformers');
  let extractor: Awaited<ReturnType<typeof pipeline>>;
  try {
    extractor = await pipeline('feature-extraction', cfg.model, { quantized: cfg.quantized });
  } catch (e) {
    throw new ModelUnavailable(`could not load embedding model ${cfg.model} from ${local}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
  }
  const batchSize = opts.batchSize ?? 8;
  const run = extractor as unknown as (t: string[], o: object) => Promise<{ dims: number[]; data: Float32Array }>;
  let dim = 0;
  return {
    id: `${cfg.model}|${cfg.quantized ? 'q' : 'f'}|${cfg.prefix}`,
    get dim() {
      return dim;
    },
    async embed(texts: string[]): Promise<Float32Array[]> {
      const out: Float32Array[] = [];
      for (let i = 0; i < texts.length; i += batchSize) {
        const batch = texts.slice(i, i + batchSize).map((t) => cfg.prefix + t);
        const r = await run(batch, { pooling: 'mean', normalize: true });
        dim = r.dims[r.dims.length - 1]!;
        for (let b = 0; b < batch.length; b++) out.push(Float32Array.from(r.data.subarray(b * dim, (b + 1) * dim)));
      }
      return out;
    },
  };
}

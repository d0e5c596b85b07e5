// Project configuration: optional archive.config.json at the project root, overridden by environment variables.
// Unknown keys are ignored so the file can grow.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseSiteOrigin } from '../site/origin.ts';

export interface SemanticConfig {
  /** Model id, a folder under modelDir (e.g. Xenova/multilingual-e5-small). */
  model: string;
  /** Folder holding local models. */
  modelDir: string;
  /** Download from the Hugging Face hub when the model is not local. Off unless the user opts in. */
  allowRemoteModels: boolean;
  /** Use onnx/model_quantized.onnx (what Xenova/* models ship) rather than onnx/model.onnx. */
  quantized: boolean;
  /** Text put before every input; e5 models are trained with "query: " / "passage: " prefixes. */
  prefix: string;
  /** Where embeddings are cached by content hash. */
  cacheDir: string;
}

/** Mirroring the images the logs point to into the site (off unless asked for; see README "Images"). */
export interface ImagesConfig {
  mirror: boolean;
  /** Larger downloads are refused (the image stays a hot link). */
  maxBytes: number;
  /** A download that has not finished by then is given up. */
  timeoutMs: number;
  /** Where mirrored images and their URL index are kept between builds. */
  cacheDir: string;
}

export const DEFAULT_IMAGE_MAX_BYTES = 5 * 1024 * 1024;
export const DEFAULT_IMAGE_TIMEOUT_MS = 15_000;

export interface Config {
  semantic: SemanticConfig;
  images: ImagesConfig;
  /**
   * The public origin the site is served at (https://host), from $CKA_SITE or "site"; undefined when unset. Canonical
   * links, the sitemap, robots.txt and the feed need it (see src/site/origin.ts).
   */
  site: string | undefined;
}

export const DEFAULT_MODEL = 'Xenova/multilingual-e5-small';

export function loadConfig(root = process.cwd(), env: NodeJS.ProcessEnv = process.env): Config {
  const file = join(root, 'archive.config.json');
  let raw: { semantic?: Partial<SemanticConfig>; site?: unknown; images?: Partial<Record<keyof ImagesConfig, unknown>> } = {};
  if (existsSync(file)) {
    try {
      raw = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      throw new Error(`${file}: invalid JSON (${e instanceof Error ? e.message : String(e)})`);
    }
  }
  const s = raw.semantic ?? {};
  const model = env.CKA_MODEL || s.model || DEFAULT_MODEL;
  const cacheRoot = env.CKA_CACHE_DIR ? `${env.CKA_CACHE_DIR}` : join(root, '.cache');
  if (raw.site !== undefined && typeof raw.site !== 'string') throw new Error(`${file}: "site" must be a string such as "https://archive.example.org"`);
  const siteValue = env.CKA_SITE || raw.site || undefined;
  const site = siteValue === undefined ? undefined : parseSiteOrigin(siteValue, env.CKA_SITE ? 'CKA_SITE' : `${file}: "site"`);
  const im = raw.images ?? {};
  const positive = (name: string, envValue: string | undefined, fileValue: unknown, fallback: number) => {
    const v = envValue !== undefined && envValue !== '' ? Number(envValue) : fileValue === undefined ? fallback : fileValue;
    if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) throw new Error(`${envValue !== undefined && envValue !== '' ? name : `${file}: "images.${name}"`} must be a positive number`);
    return v;
  };
  const images: ImagesConfig = {
    mirror: env.CKA_MIRROR_IMAGES !== undefined && env.CKA_MIRROR_IMAGES !== '' ? env.CKA_MIRROR_IMAGES === '1' : im.mirror === true,
    maxBytes: positive('CKA_IMAGE_MAX_BYTES', env.CKA_IMAGE_MAX_BYTES, im.maxBytes, DEFAULT_IMAGE_MAX_BYTES),
    timeoutMs: positive('CKA_IMAGE_TIMEOUT_MS', env.CKA_IMAGE_TIMEOUT_MS, im.timeoutMs, DEFAULT_IMAGE_TIMEOUT_MS),
    cacheDir: resolve(root, typeof im.cacheDir === 'string' ? im.cacheDir : join(cacheRoot, 'images')),
  };
  return {
    site,
    images,
    semantic: {
      model,
      modelDir: resolve(root, env.CKA_MODEL_DIR || s.modelDir || 'models'),
      allowRemoteModels: env.CKA_ALLOW_REMOTE_MODELS !== undefined ? env.CKA_ALLOW_REMOTE_MODELS === '1' : s.allowRemoteModels === true,
      quantized: s.quantized ?? true,
      prefix: s.prefix ?? (/e5/i.test(model) ? 'query: ' : ''),
      cacheDir: resolve(root, s.cacheDir ?? join(cacheRoot, 'embeddings')),
    },
  };
}

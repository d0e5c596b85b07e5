// Which chat images to mirror into the site, and what a download must look like to be kept. Pure: the IO
// (fetching, writing files) is src/node/image-mirror.ts. Images the logs point to are hot-linked from hosts that
// go away; a mirrored copy is served from the site under a content-hashed name, the original URL stays the link.
import type { Day } from '../model/types.ts';
import { safeHttpUrl } from './safe-url.ts';

/** Where mirrored images live in the site: `/img/<sha-256 prefix>.<ext>`. */
export const MIRROR_DIR = 'img';

export interface ImageRef {
  /** The URL as safeHttpUrl serialized it (the key of the mirror). */
  url: string;
  /** Day file (relative to content/logs) and line of the message that shows it, for warnings. */
  file: string;
  line: number;
}

/** Every distinct http(s) image URL of the days, with the first place it appears. Unsafe URLs are never fetched. */
export function imageRefs(days: readonly Day[]): ImageRef[] {
  const seen = new Map<string, ImageRef>();
  for (const d of days) {
    for (const m of d.messages) {
      for (const s of m.segments) {
        if (s.type !== 'image' || !s.safe) continue;
        const url = safeHttpUrl(s.url);
        if (url !== null && !seen.has(url)) seen.set(url, { url, file: d.file, line: m.line });
      }
    }
  }
  return [...seen.values()];
}

/**
 * Raster formats only, by content type and by the file's first bytes (both must agree). SVG is left out on
 * purpose: served from our own origin it could carry script.
 */
const FORMATS: { type: string; ext: string; magic: (b: Uint8Array) => boolean }[] = [
  { type: 'image/png', ext: 'png', magic: (b) => b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47 },
  { type: 'image/jpeg', ext: 'jpg', magic: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { type: 'image/gif', ext: 'gif', magic: (b) => b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x38 },
  { type: 'image/webp', ext: 'webp', magic: (b) => b[0] === 0x52 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x46 && b[8] === 0x57 && b[9] === 0x45 && b[10] === 0x42 && b[11] === 0x50 },
  { type: 'image/bmp', ext: 'bmp', magic: (b) => b[0] === 0x42 && b[1] === 0x4d },
];

/** The media type of a Content-Type header value, lower case, without parameters. */
export const mediaType = (header: string | null): string => (header ?? '').split(';')[0]!.trim().toLowerCase();

/** Before the body: is a response with this status, content type and declared length worth reading? */
export function judgeHead(status: number, contentType: string | null, contentLength: number | null, maxBytes: number): string | null {
  if (status < 200 || status > 299) return `HTTP ${status}`;
  const type = mediaType(contentType);
  if (!FORMATS.some((f) => f.type === type)) return `not an image (${type || 'no content type'})`;
  if (contentLength !== null && contentLength > maxBytes) return `too large (${contentLength} bytes, limit ${maxBytes})`;
  return null;
}

/** After the body: the extension to store it under, or why it is refused. */
export function judgeBody(contentType: string | null, bytes: Uint8Array, maxBytes: number): { ext: string } | { refused: string } {
  if (bytes.length > maxBytes) return { refused: `too large (over ${maxBytes} bytes)` };
  const f = FORMATS.find((x) => x.type === mediaType(contentType));
  if (!f) return { refused: `not an image (${mediaType(contentType) || 'no content type'})` };
  if (!f.magic(bytes)) return { refused: `content is not ${f.type}` };
  return { ext: f.ext };
}

/** The site path of a mirrored image from its content hash (hex) and extension. */
export const mirroredPath = (sha256Hex: string, ext: string): string => `/${MIRROR_DIR}/${sha256Hex.slice(0, 20)}.${ext}`;

const MIRRORED_PATH = new RegExp(`^/${MIRROR_DIR}/[0-9a-f]{20}\\.(?:${FORMATS.map((f) => f.ext).join('|')})$`);

/** Whether a path is one mirroredPath makes (the search page reads such paths from the index, which it does not trust). */
export const isMirroredPath = (path: string): boolean => MIRRORED_PATH.test(path);

// The one length/safety rule for slugs made from chat text (speaker ids today). A slug becomes a folder
// name under dist/ and a URL path segment; file systems allow 255 bytes per name, and a nickname (or a
// quoted header line read as one) can be far longer, which made `astro build` fail with ENAMETOOLONG.
// So a slug is at most MAX_SLUG_BYTES bytes of UTF-8: a longer one is cut at a character boundary and
// gets a hash of the whole slug, so names sharing a long prefix stay apart and a name keeps its slug on
// every build. Pure and dependency-free (it also runs in the browser bundle's URL helpers).

export const MAX_SLUG_BYTES = 80;
const HASH_CHARS = 8;

/** UTF-8 length of one code point. */
const bytesOf = (cp: number) => (cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4);

export function utf8Length(s: string): number {
  let n = 0;
  for (const ch of s) n += bytesOf(ch.codePointAt(0)!);
  return n;
}

/** FNV-1a (32 bit) over the UTF-8 bytes of `s`, as 8 hex digits: stable across runs and platforms. */
export function slugHash(s: string): string {
  let h = 0x811c9dc5;
  for (const b of new TextEncoder().encode(s)) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(HASH_CHARS, '0');
}

// Names Windows reserves for devices, in any case and with any extension: a folder `people/con/` cannot be
// created there, so such a slug gets a suffix.
const RESERVED = /^(?:con|prn|aux|nul|com[0-9]|lpt[0-9])(?:\..*)?$/i;

/**
 * `slug` bounded to `max` bytes of UTF-8. Unchanged when it fits; otherwise its longest prefix (whole code
 * points, trailing `-` dropped) that leaves room for `-` + an 8-hex-digit hash of the whole slug.
 */
export function boundSlug(slug: string, max = MAX_SLUG_BYTES): string {
  if (RESERVED.test(slug)) slug = `${slug}_`;
  // Cheap exit for the usual short slug: at most 4 bytes per UTF-16 unit pair, 3 per unit.
  if (slug.length * 3 <= max || utf8Length(slug) <= max) return slug;
  const room = max - 1 - HASH_CHARS;
  let n = 0;
  let cut = 0;
  for (const ch of slug) {
    const b = bytesOf(ch.codePointAt(0)!);
    if (n + b > room) break;
    n += b;
    cut += ch.length;
  }
  let head = slug.slice(0, cut);
  while (head.endsWith('-')) head = head.slice(0, -1);
  return `${head}-${slugHash(slug)}`;
}

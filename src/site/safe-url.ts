// The one gate between a URL from chat text (or any URL we build) and an attribute, a feed, the sitemap or
// JSON-LD. Browser-safe (the search page uses it too): no Node APIs.
//
// Never trust a framework's escaping for URLs: Astro 5 writes http(s) attribute values that contain `&`
// without escaping them, so a `"` inside such a URL closed the attribute. Here a URL is decoded, parsed by the
// WHATWG parser, kept only if it is http(s), and re-serialized from the parsed form with every character that
// could end or confuse an attribute percent-encoded; the caller then escapes `&` through our own escaper.
import { decodeEntities } from '../text/entities.ts';

/** Longer URLs are shown as text: no real shared link is this long, and it bounds the work per URL. */
export const MAX_URL_LENGTH = 4096;

/** Characters WHATWG serialization may leave in place (in some components) that must never reach an attribute. */
const ATTR_UNSAFE = /["'`<> ]/g;
const pct = (c: string) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`;

// eslint-disable-next-line no-control-regex
const CONTROL_OR_SPACE = /[\u0000-\u0020\u007f-\u009f\u00a0\u1680\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\ufeff]/;

/**
 * The serialized http(s) URL for `raw`, or null when it must be shown as text: entities decoded until stable,
 * parsed by `new URL()` (absolute only, so `//evil` and relative paths are text), http: or https: only, no
 * userinfo (`https://bank.com@evil.example/` hides the real host), no whitespace, control, bidi or zero-width
 * characters anywhere (WHATWG silently drops tab/CR/LF inside a URL: `java\nscript:` and `http://a\r\n.b`).
 * The result contains none of `"'\`<>` or spaces; it may contain `&` (escape it with `urlAttr` for HTML).
 */
export function safeHttpUrl(raw: string): string | null {
  if (raw.length > MAX_URL_LENGTH * 8) return null; // before decoding: bounds the work of the decoder too
  const decoded = decodeEntities(raw).trim();
  // Not stable after the decoder's bounded rounds (a URL entity-encoded nine times or more): text.
  if (decodeEntities(decoded) !== decoded) return null;
  if (decoded.length === 0 || decoded.length > MAX_URL_LENGTH) return null;
  if (CONTROL_OR_SPACE.test(decoded)) return null;
  if (!/^https?:\/\//i.test(decoded)) return null;
  let u: URL;
  try {
    u = new URL(decoded);
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  if (u.username !== '' || u.password !== '' || u.hostname === '') return null;
  const href = u.href.replace(ATTR_UNSAFE, pct);
  return href.length > MAX_URL_LENGTH ? null : href;
}

/** Our own attribute escaper for a value from `safeHttpUrl`: `&` becomes `&amp;`; nothing else can occur. */
export function escapeUrlAttr(safe: string): string {
  return safe.replace(/&/g, '&amp;').replace(ATTR_UNSAFE, pct);
}

/**
 * The attribute-ready form of a chat URL for an Astro `href={…}`/`src={…}`, or null (show as text).
 * Astro writes an http(s) value that contains `&` verbatim and escapes `&` itself otherwise; a value from
 * here contains no `"`, `'`, `<`, `>` and only `&amp;`, so both of Astro's branches write the same safe bytes.
 */
export function urlAttr(raw: string): string | null {
  const safe = safeHttpUrl(raw);
  return safe === null ? null : escapeUrlAttr(safe);
}

/** A site path (from src/site/urls.ts) resolved against `base` and passed through the same gate. */
export function siteHref(path: string, base: string): string | null {
  try {
    return safeHttpUrl(new URL(path, base).href);
  } catch {
    return null;
  }
}

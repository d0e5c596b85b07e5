// The public origin the site is deployed at (CKA_SITE or "site" in archive.config.json), and what each output
// does without one. Never localhost: a production build that does not know its address writes no absolute URL
// rather than a wrong one.
//   canonical link   absolute when the origin is known, else left out (a relative one adds nothing)
//   sitemap.xml      the sitemap protocol requires absolute <loc>: entries only when the origin is known
//   robots.txt       a Sitemap: line (absolute by the protocol) only when the origin is known
//   feed.xml         links root-relative (readers resolve them against the feed's own URL); atom:id must be an
//                    absolute IRI, so it is a urn:uuid derived from the path
//   JSON-LD          URL properties left out (the URL gate of src/site/jsonld.ts keeps absolute http(s) only)
import { createHash } from 'node:crypto';
import { safeHttpUrl } from './safe-url.ts';

/** The origin (`https://host[:port]`, no trailing slash) of a site URL, or '' when it is unknown. */
export function siteOrigin(site: URL | string | undefined): string {
  if (site === undefined || site === '') return '';
  return (typeof site === 'string' ? new URL(site) : site).origin;
}

/**
 * `path` as an absolute URL on the site, or undefined when the origin is unknown. Passes the same URL gate as every
 * link (src/site/safe-url.ts), so what it returns is safe in an attribute once `&` is escaped.
 */
export function absoluteUrl(site: URL | string | undefined, path: string): string | undefined {
  const origin = siteOrigin(site);
  return origin ? (safeHttpUrl(new URL(path, origin).href) ?? undefined) : undefined;
}

/**
 * Checks a configured site URL: http(s), an origin with at most a "/" path (pages link to root-relative paths, so a
 * sub-path deployment would break every link), no credentials, query or fragment. Returns the origin.
 */
export function parseSiteOrigin(value: string, source: string): string {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    throw new Error(`${source}: "${value}" is not a URL; expected an origin such as https://archive.example.org`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error(`${source}: "${value}" must start with https:// or http://`);
  if (u.username || u.password || u.search || u.hash || (u.pathname !== '/' && u.pathname !== '')) {
    throw new Error(`${source}: "${value}" must be an origin only, such as https://archive.example.org (serving under a sub-path is not supported)`);
  }
  return u.origin;
}

/** The one warning line a production build prints when the origin is unknown. */
export const NO_SITE_WARNING =
  'no public site URL: set CKA_SITE=https://your.host or "site" in archive.config.json. Without it the build writes no ' +
  'canonical links, an empty sitemap, no Sitemap: line in robots.txt and no JSON-LD URLs; feed links are relative.';

/**
 * A feed link: absolute when the origin is known, else root-relative. Atom (RFC 4287 §4.2.7) resolves a relative
 * href against the feed document's URL, so readers still reach the page.
 */
export function feedHref(site: URL | string | undefined, path: string): string {
  return absoluteUrl(site, path) ?? path;
}

/**
 * An atom:id. RFC 4287 §4.2.6 requires an absolute IRI: the page URL when the origin is known, else a name-based
 * urn:uuid of the path (RFC 4122 version 5 layout over SHA-1), stable across builds.
 */
export function feedId(site: URL | string | undefined, path: string): string {
  const abs = absoluteUrl(site, path);
  if (abs) return abs;
  const b = Array.from(createHash('sha1').update(`chat-knowledge-archive:${path}`).digest().subarray(0, 16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x50;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = b.map((x) => x.toString(16).padStart(2, '0')).join('');
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

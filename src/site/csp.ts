// The site's Content-Security-Policy, in one place: the <meta> tag of every page and the static server's header
// both use it, so the two can never disagree.
//
// script-src 'self' without 'unsafe-inline': an event handler or <script> smuggled in through chat text cannot run;
// the site's own scripts are files and JSON-LD is data (not executed). style-src keeps 'unsafe-inline' for the style
// attributes Astro writes. Chat images are hotlinked from any host, hence https:/http:/data: for img-src only.
// frame-ancestors is ignored in a <meta> tag; it takes effect when sent as a header.
export const CONTENT_SECURITY_POLICY: string =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' https: http: data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

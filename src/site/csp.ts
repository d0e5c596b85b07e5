// The Content-Security-Policy of the site: written as a <meta http-equiv> on every page (src/layouts/Base.astro)
// and sent as a header by the static server (scripts/serve.ts), so both say exactly the same thing.
//
// Why each directive:
// - script-src 'self' without 'unsafe-inline': only the site's own script files run; an injected <script> or
//   on* handler is blocked even if some escaping bug lets one through. JSON-LD (<script type="application/ld+json">)
//   is data, not script, so CSP does not block it.
// - style-src 'self': no <style> element runs from a page (Astro is configured never to inline stylesheets);
//   style-src-attr 'unsafe-inline' keeps our own per-element colour variables (style="--c: …") working.
// - img-src http: https:: chat messages show images from any web host (they are links the group shared).
// - object-src 'none', base-uri 'none', form-action 'self', frame-src 'none': no plugins, no <base> hijack of
//   relative links, forms only to our own search page, no frames.
// Only directives that also work in a <meta> element are listed (frame-ancestors does not; the server may add it).
export const CONTENT_SECURITY_POLICY: string = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "style-src-attr 'unsafe-inline'",
  "img-src 'self' http: https:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "frame-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

// /robots.txt: everything may be crawled; the Sitemap line must be an absolute URL, so it is written only when the
// public site URL is configured (CKA_SITE or "site" in archive.config.json).
import type { APIRoute } from 'astro';
import { absoluteUrl } from '../site/origin.ts';

export const GET: APIRoute = ({ site }) => {
  const sitemap = absoluteUrl(site, '/sitemap.xml');
  const body = `User-agent: *\nAllow: /\n${sitemap ? `Sitemap: ${sitemap}\n` : '# Sitemap: not listed, no site URL configured (CKA_SITE)\n'}`;
  return new Response(body, { headers: { 'content-type': 'text/plain; charset=utf-8' } });
};

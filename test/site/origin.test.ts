// The public origin: what is accepted as CKA_SITE / "site", and what the outputs write with and without it.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { absoluteUrl, feedHref, feedId, parseSiteOrigin, siteOrigin } from '../../src/site/origin.ts';
import { loadConfig } from '../../src/node/config.ts';

describe('site origin', () => {
  it('gives absolute URLs only when the origin is known', () => {
    expect(siteOrigin(new URL('https://a.example/'))).toBe('https://a.example');
    expect(siteOrigin(undefined)).toBe('');
    expect(absoluteUrl('https://a.example', '/g/2018-01-02/')).toBe('https://a.example/g/2018-01-02/');
    expect(absoluteUrl(undefined, '/g/2018-01-02/')).toBeUndefined();
    expect(feedHref(undefined, '/feed.xml')).toBe('/feed.xml');
    expect(feedHref(new URL('http://a.example:8080'), '/feed.xml')).toBe('http://a.example:8080/feed.xml');
  });

  it('accepts an http(s) origin and refuses what would break links', () => {
    expect(parseSiteOrigin('https://archive.example.org/', 'CKA_SITE')).toBe('https://archive.example.org');
    expect(parseSiteOrigin('http://127.0.0.1:8080', 'CKA_SITE')).toBe('http://127.0.0.1:8080');
    for (const bad of ['archive.example.org', 'ftp://a.example', 'javascript:alert(1)', 'https://a.example/sub/', 'https://u:p@a.example', 'https://a.example/?x=1']) {
      expect(() => parseSiteOrigin(bad, 'CKA_SITE'), bad).toThrow(/CKA_SITE/);
    }
  });

  it('makes atom ids absolute IRIs: the URL, or a stable name-based urn:uuid', () => {
    expect(feedId('https://a.example', '/g/2018-01-02/')).toBe('https://a.example/g/2018-01-02/');
    const id = feedId(undefined, '/g/2018-01-02/');
    expect(id).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(feedId(undefined, '/g/2018-01-02/')).toBe(id);
    expect(feedId(undefined, '/g/2018-01-03/')).not.toBe(id);
  });
});

describe('loadConfig site', () => {
  const withFile = (json: unknown, fn: (dir: string) => void) => {
    const dir = mkdtempSync(join(tmpdir(), 'cka-config-'));
    try {
      if (json !== undefined) writeFileSync(join(dir, 'archive.config.json'), JSON.stringify(json));
      fn(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  it('reads "site" from archive.config.json, CKA_SITE wins, an empty value means unset', () => {
    withFile({ site: 'https://file.example' }, (dir) => {
      expect(loadConfig(dir, {}).site).toBe('https://file.example');
      expect(loadConfig(dir, { CKA_SITE: 'https://env.example/' }).site).toBe('https://env.example');
    });
    withFile(undefined, (dir) => {
      expect(loadConfig(dir, {}).site).toBeUndefined();
      expect(loadConfig(dir, { CKA_SITE: '' }).site).toBeUndefined();
    });
  });

  it('names the source of a bad value', () => {
    withFile({ site: 'https://a.example/archive/' }, (dir) => expect(() => loadConfig(dir, {})).toThrow(/archive\.config\.json: "site"/));
    withFile({ site: 42 }, (dir) => expect(() => loadConfig(dir, {})).toThrow(/"site" must be a string/));
    withFile(undefined, (dir) => expect(() => loadConfig(dir, { CKA_SITE: 'localhost:4321' })).toThrow(/^CKA_SITE/));
  });
});

// Precompressed copies: every text asset big enough gets .gz and .br that decode to its exact bytes; nothing else
// does, and copies that no longer belong to a file are removed.
import { describe, expect, it } from 'vitest';
import { existsSync, linkSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { MIN_BYTES, PRECOMPRESS_SETTINGS, precompressDir, precompressEncodings, precompressSettings } from '../../src/integrations/precompress.ts';

describe('precompressDir', () => {
  it('writes decodable .gz/.br beside text assets, skips small and binary files, removes stale copies', async () => {
    const root = mkdtempSync(join(tmpdir(), 'cka-precompress-'));
    try {
      const page = '<!doctype html><p>' + '支付宝 分录流水 清算 '.repeat(500) + '</p>';
      const files: Record<string, string | Buffer> = {
        'index.html': page,
        'g/2018-01-02/index.html': page.replace('清算', '对账'),
        '_astro/app.js': 'export const x = 1;\n'.repeat(100),
        '_astro/app.css': 'body { color: red; }\n'.repeat(100),
        'search/idx/0.json': JSON.stringify({ t: Array.from({ length: 300 }, (_, i) => `token${i}`) }),
        'sitemap.xml': '<urlset>' + '<url><loc>https://a.example/</loc></url>'.repeat(50) + '</urlset>',
        'favicon.svg': '<svg xmlns="http://www.w3.org/2000/svg">' + '<rect width="1" height="1"/>'.repeat(40) + '</svg>',
        'robots.txt': 'User-agent: *\n', // below MIN_BYTES
        'photo.png': Buffer.alloc(4096, 7), // compressible bytes, but not a text asset
        'dump.tar.gz': gzipSync('a shipped archive'), // a .gz that is a file of its own
      };
      for (const [p, body] of Object.entries(files)) {
        mkdirSync(join(root, p, '..'), { recursive: true });
        writeFileSync(join(root, p), body);
      }
      // Left by an earlier build: a page that is gone, and a copy of a file now too small to compress.
      writeFileSync(join(root, 'gone.html.br'), 'stale');
      writeFileSync(join(root, 'robots.txt.gz'), 'stale');

      const stats = await precompressDir(root);
      for (const p of ['index.html', 'g/2018-01-02/index.html', '_astro/app.js', '_astro/app.css', 'search/idx/0.json', 'sitemap.xml', 'favicon.svg']) {
        const original = readFileSync(join(root, p));
        const gz = readFileSync(join(root, `${p}.gz`));
        const br = readFileSync(join(root, `${p}.br`));
        expect(gunzipSync(gz).equals(original), p).toBe(true);
        expect(brotliDecompressSync(br).equals(original), p).toBe(true);
        expect(br.length, p).toBeLessThan(original.length);
      }
      expect(Buffer.byteLength(files['robots.txt'] as string)).toBeLessThan(MIN_BYTES);
      for (const p of ['robots.txt.gz', 'robots.txt.br', 'photo.png.gz', 'photo.png.br', 'gone.html.br', 'dump.tar.gz.gz']) expect(existsSync(join(root, p)), p).toBe(false);
      expect(existsSync(join(root, 'dump.tar.gz'))).toBe(true);
      expect(stats.files).toBe(8);
      expect(stats.compressed).toBe(7);
      expect(stats.removed).toBe(2);
      expect(stats.bytes.brotli).toBeLessThan(stats.bytes.original / 3);

      // Run again over its own output: the same copies, nothing compressed twice.
      const again = await precompressDir(root);
      expect(again.compressed).toBe(7);
      expect(again.removed).toBe(0);
      expect(existsSync(join(root, 'index.html.gz.gz'))).toBe(false);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
  it('never writes through a hard link: the previous build that a reused page links to keeps its bytes', async () => {
    const root = mkdtempSync(join(tmpdir(), 'cka-precompress-link-'));
    try {
      const previous = join(root, 'previous');
      const staging = join(root, 'staging');
      mkdirSync(previous);
      mkdirSync(staging);
      const page = '<!doctype html><p>' + '备付金 '.repeat(800) + '</p>';
      writeFileSync(join(previous, 'index.html'), page);
      writeFileSync(join(previous, 'index.html.gz'), 'the previous build\'s copy');
      // What page reuse does: the staging folder shares the previous build's files by hard link.
      linkSync(join(previous, 'index.html'), join(staging, 'index.html'));
      linkSync(join(previous, 'index.html.gz'), join(staging, 'index.html.gz'));

      await precompressDir(staging);
      expect(gunzipSync(readFileSync(join(staging, 'index.html.gz'))).toString()).toBe(page);
      expect(readFileSync(join(previous, 'index.html.gz'), 'utf8')).toBe("the previous build's copy");
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('CKA_PRECOMPRESS', () => {
  it('reads gzip, br, both or off; anything else is an error naming the variable', () => {
    expect(precompressEncodings(undefined)).toEqual(['gzip', 'br']);
    expect(precompressEncodings('')).toEqual(['gzip', 'br']);
    expect(precompressEncodings('br, gzip')).toEqual(['gzip', 'br']);
    expect(precompressEncodings('GZIP')).toEqual(['gzip']);
    expect(precompressEncodings('off')).toEqual([]);
    expect(() => precompressEncodings('zstd')).toThrow(/CKA_PRECOMPRESS=zstd/);
  });

  it('gzip only: writes .gz, no .br, and removes the .br an earlier build left', async () => {
    const root = mkdtempSync(join(tmpdir(), 'cka-precompress-'));
    try {
      const page = '<!doctype html><p>' + '支付宝 分录流水 '.repeat(400) + '</p>';
      writeFileSync(join(root, 'index.html'), page);
      await precompressDir(root);
      expect(existsSync(join(root, 'index.html.br'))).toBe(true);
      const stats = await precompressDir(root, MIN_BYTES, undefined, precompressEncodings('gzip'));
      expect(gunzipSync(readFileSync(join(root, 'index.html.gz'))).toString()).toBe(page);
      expect(existsSync(join(root, 'index.html.br'))).toBe(false);
      expect(stats.removed).toBe(1);
      expect(stats.bytes.brotli).toBe(0);
      expect(stats.compressed).toBe(1);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('the reuse manifest tells the encodings apart, so a copy made under other settings is not taken', () => {
    expect(precompressSettings(['gzip'])).not.toBe(precompressSettings(['gzip', 'br']));
    expect(precompressSettings()).toBe(PRECOMPRESS_SETTINGS);
  });
});

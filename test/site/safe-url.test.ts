// The one URL gate (src/site/safe-url.ts) and the chat-text attribute escaper (src/site/attr.ts): every class of
// attribute breakout the hostile-log test drives through the site, checked at the function that stops it.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { escapeUrlAttr, MAX_URL_LENGTH, safeHttpUrl, siteHref, urlAttr } from '../../src/site/safe-url.ts';
import { attrText, escapeAttr } from '../../src/site/attr.ts';

/** What an HTML parser reads back from `<a href="${v}">`: the value up to the first `"`, with entities decoded. */
function readBack(attrValue: string): string {
  const cut = attrValue.split('"')[0] ?? '';
  return cut.replace(/&amp;/g, '&').replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)));
}

describe('safeHttpUrl', () => {
  it('keeps ordinary http(s) links, serialized by the WHATWG parser', () => {
    expect(safeHttpUrl('https://example.com/a?b=1&c=2')).toBe('https://example.com/a?b=1&c=2');
    expect(safeHttpUrl('HTTP://Example.COM')).toBe('http://example.com/');
    expect(safeHttpUrl('  https://example.com/x  ')).toBe('https://example.com/x');
    expect(safeHttpUrl('https://mp.weixin.qq.com/s?__biz=MzA&mid=1&idx=1#wechat_redirect')).toBe('https://mp.weixin.qq.com/s?__biz=MzA&mid=1&idx=1#wechat_redirect');
  });

  it('percent-encodes every quote, backtick, angle bracket and space, in every component', () => {
    const cases = [
      'https://example.com/?a=1&b="autofocus=""onfocus="alert(document.domain)',
      "https://example.com/?a=1&b='onfocus='alert(1)",
      'https://example.com/?a=1&b=`onfocus=`alert(1)',
      'https://example.com/p"a\'t`h<x>?q="\'`<>#f"\'`<>',
      'https://example.com/?a&b=x"style="position:fixed;inset:0',
    ];
    for (const raw of cases) {
      const s = safeHttpUrl(raw);
      expect(s, raw).not.toBeNull();
      expect(s, raw).not.toMatch(/["'`<> ]/);
      // Still the same resource: the parser reads the encoded form back as the same URL.
      expect(new URL(s!).href.replace(/'/g, '%27').replace(/`/g, '%60')).toBe(s);
    }
  });

  it('decodes entities until stable first, so entity-encoded quotes are encoded, never passed through', () => {
    for (const q of ['&quot;', '&amp;quot;', '&amp;amp;quot;', '&#34;', '&#x22;', '&#X22;', '&amp;#34;', '&#39;', '&#x27;', '&#96;', '&lt;', '&#x3c;']) {
      const s = safeHttpUrl(`https://example.com/?a=1&b=${q}onmouseover=${q}alert(1)`);
      expect(s, q).not.toBeNull();
      expect(s, q).not.toMatch(/["'`<>]|&(?:quot|amp|lt|#)/i);
    }
    // Encoded nine times: the decoder's bound is reached before it is stable, so it is text.
    const nine = `&${'amp;'.repeat(8)}quot;`;
    expect(safeHttpUrl(`https://example.com/?a=${nine}`)).toBeNull();
    expect(safeHttpUrl(`https://example.com/?a=&${'amp;'.repeat(6)}quot;`)).toBe('https://example.com/?a=%22');
  });

  it('shows every non-http(s), relative or disguised target as text', () => {
    const bad = [
      'javascript:alert(1)', ' javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'java\nscript:alert(1)', 'java\tscript:alert(1)',
      '&#106;avascript:alert(1)', 'javascript&colon;alert(1)', '&#x6a;&#x61;vascript:alert(1)', '\u0001javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>', 'vbscript:x', 'file:///etc/passwd', 'ftp://x/', 'blob:https://a/x',
      '//evil.example/', '/\\evil.example', 'https:/evil', 'http://', 'https://', 'https:', '#x', '/relative',
      'https://bank.example@evil.example/', 'https://user:pass@evil.example/', 'https://a%40b@evil.example/',
      'https://exa mple.com/', 'https://example.com/a b', 'https://example.com/\r\nSet-Cookie:x', 'https://exa\nmple.com/',
      'https://example.com/\u202e/gpj.exe', 'https://example.com/\u200bx', 'https://example.com/\u2066x',
      'https://[::1', 'https://exa%mple.com', 'https://' + 'a'.repeat(MAX_URL_LENGTH),
    ];
    for (const raw of bad) expect(safeHttpUrl(raw), JSON.stringify(raw)).toBeNull();
  });

  it('writes international domains as punycode, so the href names the real host', () => {
    // Cyrillic look-alike of "paypal": the href shows the xn-- form, not the look-alike.
    expect(safeHttpUrl('https://раураl.com/')).toMatch(/^https:\/\/xn--[a-z0-9-]+\.com\/$/);
    expect(safeHttpUrl('https://支付.中国/路径?q=分录')).toMatch(/^https:\/\/xn--[a-z0-9-]+\.xn--fiqs8s\/%E8%B7%AF%E5%BE%84\?q=%E5%88%86%E5%BD%95$/);
  });

  it('never yields a value that can leave a double-quoted attribute or a URL that is not http(s) (property)', () => {
    const piece = fc.constantFrom('"', "'", '`', '<', '>', ' ', '&', '&quot;', '&amp;', '&#34;', '&#x22;', '=', 'on', 'javascript:', '//', '@', '\n', '\u202e', 'x', '?', '#', '%');
    fc.assert(fc.property(fc.constantFrom('https://example.com/', 'http://a.b', 'https:', ''), fc.array(piece, { maxLength: 24 }), (head, parts) => {
      const raw = head + parts.join('');
      const s = safeHttpUrl(raw);
      if (s === null) return;
      expect(s).not.toMatch(/["'`<>\s]/);
      expect(new URL(s).protocol).toMatch(/^https?:$/);
      const attr = escapeUrlAttr(s);
      expect(attr.replace(/&amp;/g, '')).not.toContain('&');
      expect(readBack(attr)).toBe(s);
    }), { numRuns: 2000 });
  });
});

describe('urlAttr', () => {
  it('escapes & itself, so the value is right whether or not the framework escapes it again', () => {
    expect(urlAttr('https://example.com/a?b=1&c=2')).toBe('https://example.com/a?b=1&amp;c=2');
    expect(urlAttr('https://example.com/')).toBe('https://example.com/');
    expect(urlAttr('javascript:alert(1)')).toBeNull();
    const attr = urlAttr('https://example.com/?a=1&b="autofocus=""onfocus="alert(document.domain)')!;
    expect(`<a href="${attr}">`).toMatch(/^<a href="[^"]*">$/);
  });
});

describe('siteHref', () => {
  it('resolves site paths against the page and refuses ones that leave http(s)', () => {
    expect(siteHref('/devarch/2018-09-01/#m3', 'http://localhost:4321/search/?q=x')).toBe('http://localhost:4321/devarch/2018-09-01/#m3');
    expect(siteHref("/search/?q=a'b\"c", 'http://localhost:4321/')).toBe('http://localhost:4321/search/?q=a%27b%22c');
    expect(siteHref('javascript:alert(1)', 'http://localhost:4321/')).toBeNull();
  });
});

describe('attrText', () => {
  it('escapes chat text that the framework would write verbatim (it contains & and parses as an http URL)', () => {
    const alt = 'https://x.example/?a&" onerror="alert(1)';
    expect(attrText(alt)).toBe(escapeAttr(alt));
    expect(attrText(alt)).not.toContain('"');
    expect(attrText('h\nttps://x.example/?a&"x')).not.toContain('"'); // the URL parser drops the newline
  });
  it('leaves all other text to the framework, which escapes & and " itself', () => {
    expect(attrText('图片 "x" & y')).toBe('图片 "x" & y');
    expect(attrText('https://x.example/"no-ampersand')).toBe('https://x.example/"no-ampersand');
  });
});

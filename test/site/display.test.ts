import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { displayParts } from '../../src/site/display.ts';
import { safeHttpUrl } from '../../src/site/safe-url.ts';
import { nameMatcher, parseBody } from '../../src/text/segments.ts';
import type { Segment } from '../../src/model/types.ts';

describe('display form of segments', () => {
  it('links only what the URL gate passes; the rest is text that shows its target', () => {
    const segs: Segment[] = [
      { type: 'link', url: 'https://a.example/x?y=1&z=2', title: '文档', safe: true },
      { type: 'link', url: 'https://bank.example@evil.example/', title: '网银', safe: true },
      { type: 'link', url: 'javascript:alert(1)', title: 'js', safe: false },
      { type: 'image', url: 'ftp://i.example/a.png', alt: '', safe: false },
      { type: 'image', url: 'https://i.example/a.png', alt: '', safe: true },
    ];
    expect(displayParts(segs)).toEqual([
      { kind: 'link', text: '文档', href: 'https://a.example/x?y=1&z=2' },
      { kind: 'unsafe-link', text: '网银 (https://bank.example@evil.example/)' },
      { kind: 'unsafe-link', text: 'js (javascript:alert(1))' },
      { kind: 'image-missing', text: '图片无法显示：ftp://i.example/a.png' },
      { kind: 'image', href: 'https://i.example/a.png', alt: '聊天图片' },
    ]);
  });

  it('links resolved mentions to the person, glossary terms to their page, and names emoji codes', () => {
    const b = parseBody(['@张三 分录流水怎么记[捂脸][Smile]'], nameMatcher(['张三']));
    const segs = b.segments.map((g) => (g.type === 'mention' ? { ...g, speakerId: 'zhang-san' } : g));
    const spans = (t: string) => { const i = t.indexOf('分录流水'); return i < 0 ? [] : [{ start: i, end: i + 4, slug: 'ledger-entries' }]; };
    const parts = displayParts(segs, spans);
    expect(parts[0]).toEqual({ kind: 'mention', text: '@张三', href: '/people/zhang-san/' });
    expect(parts).toContainEqual({ kind: 'term', text: '分录流水', href: '/glossary/ledger-entries/', slug: 'ledger-entries' });
    expect(parts.filter((p) => p.kind === 'emoji').map((p) => p.kind === 'emoji' && [p.label, p.glyph !== null])).toEqual([['[捂脸]', true], ['[Smile]', expect.any(Boolean)]]);
  });

  it('shows every character of the visible text, and every href it gives is the gate\'s own form', () => {
    const piece = fc.constantFrom('看', ' ', '@张三', 'https://a.example/p?q=1&r="x"', '[捂脸]', '[标题](https://c.example/"><script>)', '![图](javascript:x)', '[t](http://u:p@h.example/)', '<b>', '&amp;');
    fc.assert(fc.property(fc.array(piece, { maxLength: 10 }), (ps) => {
      const b = parseBody([ps.join(' ')], nameMatcher(['张三']));
      const parts = displayParts(b.segments);
      for (const p of parts) if ((p.kind === 'link' || p.kind === 'image') && p.href) expect(safeHttpUrl(p.href)).toBe(p.href);
      const shown = parts.map((p) => (p.kind === 'image' ? '' : p.kind === 'unsafe-link' || p.kind === 'image-missing' ? null : p.text));
      if (!shown.includes(null) && !b.segments.some((g) => g.type === 'image')) expect(shown.join('')).toBe(b.text);
    }));
  });
});

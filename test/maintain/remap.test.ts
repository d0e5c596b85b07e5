// The id re-mapper on the text files that store message ids: it rewrites exactly the ids of renumbered
// days (message, thread, anchor and thread-URL forms, and a link label naming the same seq), nothing else.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { remapIds } from '../../src/maintain/remap.ts';

const maps = new Map([['prodarch/2017-12-20', new Map([[12, 20], [122, 198], [123, 200], [140, 231]])]]);

describe('remapIds', () => {
  it('rewrites the glossary entry beifujin.md: sources and the anchors and labels of its links', () => {
    const src = readFileSync(join(import.meta.dirname, '../../content/glossary/beifujin.md'), 'utf8');
    const r = remapIds(src, maps);
    expect(r.text).toContain('sources: [prodarch/2017-12-20/198, prodarch/2017-12-20/200, prodarch/2017-12-20/231, proddev/2017-09-20/276, devarch/2017-12-19/271]');
    expect(r.text).toContain('[prodarch #198](/prodarch/2017-12-20/#m198)、[#200](/prodarch/2017-12-20/#m200)');
    expect(r.text).toContain('[prodarch #231](/prodarch/2017-12-20/#m231)');
    expect(r.text).toContain('[proddev #276](/proddev/2017-09-20/#m276)');
    expect(r.changes.filter((c) => c.line === 6)).toHaveLength(3);
  });

  it('rewrites corrections keyed by message and thread ids; a thread id follows its first message', () => {
    const yaml = [
      '- move: prodarch/2017-12-20/122',
      '  to: prodarch/2017-12-20/t12',
      '- split: prodarch/2017-12-20/t123',
      '  at: "prodarch/2017-12-20/140"',
      '- answer: devarch/2017-12-19/122',
      '- title: prodarch/2017-12-20/t122',
      '  text: 见 /prodarch/2017-12-20/t122/ 和 #122',
    ].join('\n');
    const r = remapIds(yaml, maps);
    expect(r.text.split('\n')).toEqual([
      '- move: prodarch/2017-12-20/198',
      '  to: prodarch/2017-12-20/t20',
      '- split: prodarch/2017-12-20/t200',
      '  at: "prodarch/2017-12-20/231"',
      '- answer: devarch/2017-12-19/122',
      '- title: prodarch/2017-12-20/t198',
      '  text: 见 /prodarch/2017-12-20/t198/ 和 #122',
    ]);
    expect(r.changes.map((c) => c.line)).toEqual([1, 2, 3, 4, 6, 7]);
  });

  it('leaves alone what is not unmistakably an id of a renumbered day', () => {
    const text = [
      'xprodarch/2017-12-20/122',        // inside a longer slug
      'prodarch/2017-12-20/1220',        // another seq that starts alike
      'prodarch/2017-12-21/122',         // another day
      'prodarch/2017-12-20/999',         // a seq the map does not know
      '[see #122](https://example.com/)', // a label whose link is not an id
      '#122 in prose',
    ].join('\n');
    const r = remapIds(text, maps);
    expect(r.text).toBe(text);
    expect(r.changes).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { TIP_CHARS, termTips } from '../../src/site/term-tips.ts';
import type { Term } from '../../src/model/types.ts';

const term = (slug: string, body: string): Term => ({ slug, term: slug, aliases: [], topics: [], related: [], body, threadIds: [] });

describe('glossary term tooltips', () => {
  it("are the card's first sentence without markdown, cut to the tooltip length", () => {
    const long = '长'.repeat(TIP_CHARS + 10);
    const tips = termTips([term('a', '**分录流水**是记账的[明细](https://x.example/)。第二句不显示。'), term('b', `${long}。`)]);
    expect(tips.get('a')).toBe('分录流水是记账的明细。');
    expect(tips.get('b')).toBe(`${'长'.repeat(TIP_CHARS)}…`);
  });

  it('are computed once per term list, and a different list gets its own', () => {
    const terms = [term('a', '一。')];
    expect(termTips(terms)).toBe(termTips(terms));
    const other = [term('a', '二。')];
    expect(termTips(other).get('a')).toBe('二。');
    expect(termTips(terms).get('a')).toBe('一。');
  });
});

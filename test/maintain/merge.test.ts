// mergeDays on the edges the real exports do not show: a CRLF file joined by an LF one, a version whose
// last message lacks the closing blank line, repeats within one second.
import { describe, expect, it } from 'vitest';
import { parseDay } from '../../src/ingest/parse.ts';
import { mergeDays } from '../../src/maintain/merge.ts';

const FM = '---\ntitle:      "2019-01-08-WeChat"\ndate:       2019-01-08 12:00:00\n---\n';
const msg = (t: string, who: string, text: string) => `> ${t}  ${who}  \n   \n${text}  \n   \n`;
const day = (s: string) => parseDay(s, 'prodrd/2019-01-08-chat.markdown').day;

describe('mergeDays', () => {
  it('writes incoming lines with the existing file\'s line ends, and a separator after a block that had none', () => {
    const existing = (FM + msg('09:00:00', 'a', '早') + msg('11:00:00', 'b', '好')).replace(/\n/g, '\r\n');
    const incoming = FM + msg('09:00:00', 'a', '早') + '> 10:00:00  c  \n   \n在吗'; // cut short: no closing blank line
    const m = mergeDays(existing, day(existing), incoming, day(incoming));
    expect(m.source).toBe((FM + msg('09:00:00', 'a', '早') + '> 10:00:00  c  \n   \n在吗\n   \n' + msg('11:00:00', 'b', '好')).replace(/\n/g, '\r\n'));
    expect([...m.seqMap]).toEqual([[1, 1], [2, 3]]);
    expect(m.added.map((a) => a.seq)).toEqual([2]);
  });

  it('counts repeats: a message sent twice in one second is kept twice, and a third copy is added', () => {
    const existing = FM + msg('09:00:00', 'a', '[强]') + msg('09:00:00', 'a', '[强]');
    const incoming = FM + msg('09:00:00', 'a', '[强]') + msg('09:00:00', 'a', '[强]') + msg('09:00:00', 'a', '[强]');
    const m = mergeDays(existing, day(existing), incoming, day(incoming));
    expect(day(m.source).messages).toHaveLength(3);
    expect(m.comparison.onlyIncoming).toHaveLength(1);
    expect(m.comparison.onlyExisting).toHaveLength(0);
  });

  it('puts a new message after existing ones of the same second (ties keep the existing order)', () => {
    const existing = FM + msg('09:00:00', 'a', '一') + msg('09:00:00', 'b', '二');
    const incoming = FM + msg('09:00:00', 'c', '三') + msg('08:59:59', 'd', '零');
    const m = mergeDays(existing, day(existing), incoming, day(incoming));
    expect(day(m.source).messages.map((x) => x.text)).toEqual(['零', '一', '二', '三']);
  });
});

import { describe, expect, it } from 'vitest';
import { dayId, dayRef, messageId, parseDayId, parseMessageId, parseThreadId, threadId, threadRef } from '../../src/model/ids.ts';
import { dayUrl, messageUrl, threadUrl } from '../../src/site/urls.ts';
import { EMPTY_PLAN } from '../../src/site/pagination.ts';

describe('the id grammar', () => {
  it('makes day, message and thread ids as DESIGN writes them', () => {
    const d = dayId('devarch', '2018-08-08');
    expect(d).toBe('devarch/2018-08-08');
    expect(messageId(d, 12)).toBe('devarch/2018-08-08/12');
    expect(threadId(d, 3)).toBe('devarch/2018-08-08/t3');
  });

  it('reads back what it makes', () => {
    expect(parseDayId('prodrd/2019-01-08')).toEqual({ day: 'prodrd/2019-01-08', group: 'prodrd', date: '2019-01-08' });
    expect(parseMessageId('prodrd/2019-01-08/7')).toEqual({ day: 'prodrd/2019-01-08', group: 'prodrd', date: '2019-01-08', seq: 7 });
    expect(parseThreadId('prodrd/2019-01-08/t7')).toEqual({ day: 'prodrd/2019-01-08', group: 'prodrd', date: '2019-01-08', seq: 7 });
  });

  it('tells the three kinds apart and refuses anything else', () => {
    expect(parseMessageId('g/2020-01-01/t3')).toBeNull();
    expect(parseThreadId('g/2020-01-01/3')).toBeNull();
    expect(parseDayId('g/2020-01-01/3')).toBeNull();
    for (const bad of ['', 'g', 'g/', '/2020-01-01', 'a/b/c/4', 'g/2020-01-01/x', 'g/2020-01-01/t']) {
      expect(parseDayId(bad) ?? parseMessageId(bad) ?? parseThreadId(bad)).toBeNull();
    }
    expect(() => dayRef('g/d/1')).toThrow(/not a day id/);
    expect(() => threadRef('g/d/1')).toThrow(/not a thread id/);
  });

  it('gives the page URLs of the contract', () => {
    expect(dayUrl('devarch/2018-08-08')).toBe('/devarch/2018-08-08/');
    expect(messageUrl('devarch/2018-08-08/12', EMPTY_PLAN)).toBe('/devarch/2018-08-08/#m12');
    expect(threadUrl('devarch/2018-08-08/t3')).toBe('/devarch/2018-08-08/t3/');
  });
});

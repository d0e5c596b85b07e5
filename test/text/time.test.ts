import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { secondsOfDay } from '../../src/text/time.ts';

describe('secondsOfDay', () => {
  it('reads HH:MM:SS and HH:MM as seconds since midnight', () => {
    expect(secondsOfDay('00:00:00')).toBe(0);
    expect(secondsOfDay('09:05:07')).toBe(9 * 3600 + 5 * 60 + 7);
    expect(secondsOfDay('23:59:59')).toBe(86399);
    expect(secondsOfDay('12:30')).toBe(45000);
    // Out-of-range fields are read as written (the parser reports them; nothing is dropped).
    expect(secondsOfDay('25:61:00')).toBe(25 * 3600 + 61 * 60);
  });

  it('agrees with a split-based reader on every two-digit time', () => {
    const two = fc.integer({ min: 0, max: 99 }).map((n) => String(n).padStart(2, '0'));
    fc.assert(fc.property(two, two, two, (h, m, s) => {
      expect(secondsOfDay(`${h}:${m}:${s}`)).toBe(Number(h) * 3600 + Number(m) * 60 + Number(s));
    }));
  });

  it('is NaN for anything that is not such a time', () => {
    for (const t of ['', '1:02:03', ' 01:02:03', '12:3a:00', '12-30-00', '12:30:0.5', '12:30:00 ', '123:00:00']) expect(secondsOfDay(t)).toBeNaN();
  });
});

import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { emojiFor } from '../../src/text/emoji.ts';
import { MAIN_SITE } from '../helpers/site.ts';

describe('WeChat emoji codes', () => {
  it('maps known codes to Unicode and leaves unknown ones alone', () => {
    expect(emojiFor('[强]')).toBe('👍');
    expect(emojiFor('[捂脸]')).toBe('🤦');
    expect(emojiFor('[OK]')).toBe('👌');
    expect(emojiFor('[不存在的表情]')).toBeNull();
    expect(emojiFor('强')).toBeNull();
    // Inherited object keys are not emoji.
    expect(emojiFor('[constructor]')).toBeNull();
  });

  it('draws them on day pages with the code as the accessible name', () => {
    const html = readFileSync(join(MAIN_SITE, 'devarch/2018-08-08/index.html'), 'utf8');
    expect(html).toMatch(/<span class="emoji" role="img" aria-label="\[偷笑\]" title="\[偷笑\]"[^>]*>🤭<\/span>/);
  });
});

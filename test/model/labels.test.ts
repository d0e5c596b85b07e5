import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ANONYMOUS_LABEL, IMAGE_LABEL, UNTITLED_LABEL, imageLabel, speakerLabel, titleLabel } from '../../src/model/labels.ts';

const SRC = join(import.meta.dirname, '../../src');
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : /\.(ts|astro)$/.test(n) ? [join(dir, n)] : []));

describe('fallback labels', () => {
  it('stand in only for what is empty', () => {
    expect([speakerLabel(''), speakerLabel(null), speakerLabel('张三')]).toEqual([ANONYMOUS_LABEL, ANONYMOUS_LABEL, '张三']);
    expect([titleLabel(''), titleLabel(undefined), titleLabel('分录流水')]).toEqual([UNTITLED_LABEL, UNTITLED_LABEL, '分录流水']);
    expect([imageLabel(''), imageLabel('截图')]).toEqual([IMAGE_LABEL, '截图']);
  });

  it('are spelled in src/model/labels.ts only, so pages, feed, structured data and search UI agree', () => {
    const spelled = files(SRC)
      .filter((f) => !f.endsWith(join('model', 'labels.ts')))
      .flatMap((f) => {
        const code = readFileSync(f, 'utf8');
        return ['匿名', '（无名）', '（无标题）', '聊天图片'].filter((l) => code.includes(`'${l}'`) || code.includes(`"${l}"`)).map((l) => `${relative(SRC, f)}: ${l}`);
      });
    expect(spelled).toEqual([]);
  });
});

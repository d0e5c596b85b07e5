// How the segment parser reads an @: the after-a-Latin-letter cases are decided from the real archive
// (an @ after a Latin letter or digit is an e-mail address when a Latin letter or digit follows it, a mention
// when a name in Chinese does), here on messages of content/logs.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDay } from '../../src/ingest/parse.ts';
import { parseInline } from '../../src/text/segments.ts';
import type { Message } from '../../src/model/types.ts';

const LOGS = join(import.meta.dirname, '../../content/logs');
const day = (file: string) => parseDay(readFileSync(join(LOGS, file), 'utf8'), file).day;
const containing = (file: string, s: string): Message => {
  const m = day(file).messages.find((x) => x.text.includes(s));
  if (!m) throw new Error(`no message of ${file} contains ${s}`);
  return m;
};

describe('an @ after a Latin letter or digit', () => {
  it('is an e-mail address when a Latin letter follows: no mention, the address stays text', () => {
    const m = containing('proddev/2017-10-25-chat.markdown', 'kent@youzan.com');
    expect(m.mentions).toEqual([]);
    expect(m.segments.filter((g) => g.type === 'text').map((g) => g.type === 'text' && g.text).join('')).toContain('kent@youzan.com');
    expect(parseInline('简历发我邮箱，zhwanyue@163.com，谢谢').mentions).toEqual([]);
  });

  it('is a mention when a name in Chinese follows (`POSP@胥刚-华夏银行-项目经理-北京`)', () => {
    const m = containing('prodarch/2017-12-29-chat.markdown', 'POSP@胥刚');
    expect(m.mentions).toContain('胥刚-华夏银行-项目经理-北京');
    const w = containing('devarch/2018-01-29-chat.markdown', 'w@钟鸿敏');
    expect(w.mentions).toContain('钟鸿敏-CF-技术总监');
  });

  it('ending a bare URL starts a mention, and the URL does not keep the @', () => {
    const m = containing('proddev/2018-05-05-chat.markdown', 'a09d.html');
    const link = m.segments.find((g) => g.type === 'link');
    expect(link?.type === 'link' && link.url).toBe('https://wenku.baidu.com/view/42ac06b92f60ddccdb38a09d.html');
    expect(m.mentions).toEqual(['何瑾-海航新生-跨境支付']);
    // What the reader sees is unchanged: the @ is drawn as part of the mention.
    expect(m.text).toContain('a09d.html@何瑾-海航新生-跨境支付');
  });

  it('is resolved by the speaker stage like any mention', async () => {
    const { assignSpeakers } = await import('../../src/speakers/assign.ts');
    const d = day('prodarch/2017-12-29-chat.markdown');
    const out = assignSpeakers([d]).days[0]!;
    const m = out.messages.find((x) => x.text.includes('POSP@胥刚'))!;
    const k = m.mentions.indexOf('胥刚-华夏银行-项目经理-北京');
    const xu = out.messages.find((x) => x.speaker.startsWith('胥刚'))!;
    expect(m.mentionIds[k]).toBe(xu.speakerId);
    const seg = m.segments.find((g) => g.type === 'mention' && g.name.startsWith('胥刚'));
    expect(seg?.type === 'mention' && seg.speakerId).toBe(xu.speakerId);
  });
});

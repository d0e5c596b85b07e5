// The fixture days: every message in exactly one thread; titles from the threads' own words. Scores against
// the gold days: test/threads/crossval.test.ts.
import { describe, expect, it } from 'vitest';
import { buildArchive } from '../../src/pipeline/archive.ts';
import { readContent } from '../../src/node/load.ts';
import { titleFrom } from '../../src/qa/title.ts';
import { fixtureContentDir } from '../helpers/fixture.ts';

const archive = buildArchive(readContent(fixtureContentDir()));

describe('threads over the fixture days', () => {
  it('puts every message of every day in exactly one thread, in order', () => {
    for (const day of archive.days) {
      const threads = archive.threads.filter((t) => t.day === day.id);
      const seen = threads.flatMap((t) => t.seqs);
      expect(seen.sort((a, b) => a - b)).toEqual(day.messages.map((m) => m.seq));
      for (const t of threads) {
        expect(t.seqs).toEqual([...t.seqs].sort((a, b) => a - b));
        expect(t.id).toBe(`${day.id}/t${t.seqs[0]}`);
        if (t.questionId) expect(t.messageIds).toContain(t.questionId);
        for (const a of t.answerIds) expect(t.messageIds).toContain(a);
      }
    }
  });

  it('gives titles taken from the thread’s own text', () => {
    for (const t of archive.threads) {
      expect(t.title).not.toBe('');
      const day = archive.days.find((d) => d.id === t.day)!;
      const msgs = t.seqs.map((s) => day.messages[s - 1]!);
      // A thread with no usable words (stickers, greetings, empty messages) is titled by what it holds and who posted it.
      const described = /^\[(图片|链接|表情|寒暄|空消息)\] (.*)$/.exec(t.title);
      if (described) {
        expect(msgs.every((m) => titleFrom(m) === '')).toBe(true);
        expect(described[2]).toBe(msgs[0]!.speaker || '匿名');
        continue;
      }
      // Titles are cut from the plain reading (emoji codes dropped), so compare with both forms.
      const text = msgs.map((m) => m.text.replace(/\s+/g, ' ')).join(' ') + '\n' + msgs.map((m) => m.text.replace(/\[[^\[\]\s]{1,8}\]/g, '').replace(/\s+/g, ' ')).join(' ');
      // A talk is titled by its announced subject ("分享：睡眠管理").
      expect(text).toContain(t.title.replace(/^分享：/, '').replace(/…$/, '').slice(0, 8));
      // Never a sticker, a bare "????" or a greeting.
      expect(t.title).not.toMatch(/^(?:\[[^\]]+\]|[?？!！.。\s]+|大家好|早上好|早|晚安)$/);
    }
  });
});

// The bundled corpus: every message in exactly one thread; the gold day reaches the thresholds.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildArchive } from '../../src/pipeline/archive.ts';
import { readContent } from '../../src/node/load.ts';
import { evaluateDay, type GoldFile } from '../../src/eval/gold.ts';

const archive = buildArchive(readContent('content'));
const GOLD = '../shared/eval';

describe('threads over the bundled days', () => {
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
      const msgs = t.seqs.map((s) => day.messages[s - 1]);
      // A thread with no text at all is titled by what it holds and who posted it.
      const described = /^\[(图片|链接|空消息)\] (.*)$/.exec(t.title);
      if (described) {
        expect(msgs.every((m) => m.text.trim() === '')).toBe(true);
        expect(described[2]).toBe(msgs[0].speaker || '匿名');
        continue;
      }
      const text = msgs.map((m) => m.text.replace(/\s+/g, ' ')).join(' ');
      expect(text).toContain(t.title.replace(/…$/, '').slice(0, 8));
    }
  });
});

describe.skipIf(!existsSync(GOLD))('gold days', () => {
  const files = existsSync(GOLD) ? readdirSync(GOLD).filter((n) => n.endsWith('.threads.json')) : [];
  it.each(files)('%s reaches one-to-one >= 0.85 and exact-match F1 >= 0.55', (name) => {
    const gold = JSON.parse(readFileSync(`${GOLD}/${name}`, 'utf8')) as GoldFile;
    const r = evaluateDay(archive, gold)!;
    expect(r).not.toBeNull();
    expect(r.oneToOne).toBeGreaterThanOrEqual(0.85);
    expect(r.exact.f1).toBeGreaterThanOrEqual(0.55);
  });
});

import { describe, expect, it } from 'vitest';
import { episodes } from '../../src/topics/episodes.ts';
import { compileTagger, tagThread, type TopicModel } from '../../src/topics/evidence.ts';
import model from '../../src/topics/model.json' with { type: 'json' };
import type { Topic } from '../../src/model/types.ts';

const topics: Topic[] = [
  { slug: 'infrastructure', name: '运维', description: '', terms: ['docker', '容器', '部署'] },
  { slug: 'quick-pay', name: '快捷', description: '', terms: ['快捷支付', '贷记卡'] },
];
// The episode mechanics are tested under fixed weights (those fitted on 9 gold days), not the committed ones: a
// refit on more gold must not turn this into a test of the weights.
const base: TopicModel = {
  ...(model as TopicModel),
  bias: -4.2833,
  weights: { body: 0.1886, lead: 0.883, spread: -0.2031, speakers: 0.5987, glossary: 0.0323, distinct: 0.1414, relative: 3.0799, share: 0.087, specific: 0.5088, broad: 1.317 },
  threshold: 0.3,
};
const thread = (texts: string[], seconds: number[]) => ({ texts, speakers: texts.map((_, i) => `s${i % 3}`), lead: 0, seconds });

// A docker talk of ten messages, then (after a 20-minute pause) a two-message exchange on 快捷支付 that the
// splitter joined to it: the exchange's share of the thread is too small for the whole-thread evidence.
const docker = ['有用docker跑支付核心的吗', 'docker容器跑核心没问题', '部署在容器里要注意网络', '我们的容器部署用k8s', 'docker的日志怎么收',
  '容器日志统一收集', '部署脚本放git里', 'docker镜像要小', '容器重启策略要配好', '部署回滚要演练过'];
const quick = ['快捷支付不允许贷记卡支付是哪个文件规定的，有人知道吗', '快捷支付协议里就不允许贷记卡，签约时写明了'];
const secs = [...docker.map((_, i) => 36000 + 60 * i), 36000 + 60 * 9 + 1200, 36000 + 60 * 9 + 1260];

describe('episodes of a thread', () => {
  it('split at pauses longer than the gap, keeping runs of at least minMessages', () => {
    const e = episodes(thread([...docker, ...quick], secs), 300, 2);
    expect(e.map((x) => x.texts.length)).toEqual([10, 2]);
    expect(e[1]?.texts[0]).toBe(quick[0]);
    expect(episodes(thread([...docker, ...quick], secs), 300, 3).map((x) => x.texts.length)).toEqual([10]);
    expect(episodes(thread([...docker, ...quick], secs), 3600, 2)).toEqual([]);
    expect(episodes({ texts: docker, speakers: docker, lead: 0 }, 300, 2)).toEqual([]);
  });
  it("a joined exchange keeps its topic when episodes are on, and only then", () => {
    const on = compileTagger(topics, [], { ...base, episodeGap: 300, episodeMin: 2 });
    const off = compileTagger(topics, [], { ...base, episodeGap: 0 });
    const t = thread([...docker, ...quick], secs);
    expect(tagThread(t, off).topics.map((x) => x.slug)).toEqual(['infrastructure']);
    const r = tagThread(t, on);
    expect(r.topics.map((x) => x.slug)).toEqual(['infrastructure', 'quick-pay']);
    expect(r.evidence['quick-pay']).toContain('快捷支付');
    // the same messages without the pause are one episode: the exchange stays a minor part of the talk
    const flat = thread([...docker, ...quick], docker.map((_, i) => 36000 + 60 * i).concat([36600, 36660]));
    expect(tagThread(flat, on).topics.map((x) => x.slug)).toEqual(['infrastructure']);
  });
  it('a precise topic named in one message of an episode is a mention, not a sub-discussion', () => {
    const on = compileTagger(topics, [], { ...base, episodeGap: 300, episodeMin: 2 });
    const once = thread([...docker, quick[0] as string, '好的，我回头查查'], secs);
    expect(tagThread(once, on).topics.map((x) => x.slug)).toEqual(['infrastructure']);
  });
  it("one member's two lines are not an episode's sub-discussion: its first topic is always the episode's most probable", () => {
    const on = compileTagger(topics, [], { ...base, episodeGap: 300, episodeMin: 2 });
    const t = thread([...docker, ...quick], secs);
    // the exchange's two messages from one member: named, not discussed
    const alone = { ...t, speakers: [...docker.map((_, i) => `s${i % 3}`), 'x', 'x'] };
    expect(tagThread(alone, on).topics.map((x) => x.slug)).toEqual(['infrastructure']);
  });
});

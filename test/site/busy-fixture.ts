// A fixture content folder for pagination: the bundled groups, topics and glossary, one real day, and one
// synthetic busy day (made here, not copied) in the real log format: a morning of interleaved Q&A among
// many members, a guest talk (one speaker, hundreds of messages in a row, listeners' questions), an evening of
// chatter. Big enough that the day, the talk's thread and the people list are each cut into parts.
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../helpers/site.ts';

export const BUSY_DAY = 'proddev/2020-01-01';
export const REAL_DAY = 'devarch/2018-08-08';

const TOPICS = ['分录流水怎么记', '对账文件几点下发', '备付金账户能开几个', '路由怎么按费率选通道', '退款要不要原路返回', '清算和结算有什么区别'];
const ANSWERS = ['一般按交易类型记', '看银行，一般早上六点', '只能有一个主备付金账户', '按成本和成功率一起算', '原路返回最稳妥', '清算算账，结算打款'];

const hhmmss = (sec: number) => [Math.floor(sec / 3600), Math.floor(sec / 60) % 60, sec % 60].map((n) => String(n).padStart(2, '0')).join(':');

/** The busy day's messages as [seconds of day, speaker, text]; 1,150 messages, 340 speakers. */
export function busyMessages(): [number, string, string][] {
  const out: [number, string, string][] = [];
  let t = 8 * 3600;
  const member = (i: number) => `成员${i}-公司${i % 17}-产品`;
  // Morning: 380 messages of six interleaved questions and their answers, 40 members.
  for (let i = 0; i < 380; i++) {
    const k = i % TOPICS.length;
    const who = member(i % 40);
    out.push([(t += 25), who, i % 12 < TOPICS.length ? `请问${TOPICS[k]}？（第${i}问）` : `${ANSWERS[k]}，补充第${i}条：编号${i * 7919 % 100000}`]);
  }
  t += 1800;
  // A guest talk: 460 messages by one speaker in a row, numbered, a listener's question every 50.
  const guest = '嘉宾老王-某支付-架构';
  out.push([(t += 30), '主持人-社群-运营', '今晚请老王分享清算系统的设计，大家欢迎']);
  for (let i = 1; i <= 460; i++) {
    out.push([(t += 20), guest, `第${i}点：清算系统里分录流水和对账文件要对得上，序号${i}`]);
    if (i % 50 === 0) out.push([(t += 10), member(100 + i / 50), `@${guest} 第${i}点的对账文件是日切后生成吗？`]);
  }
  out.push([(t += 30), '主持人-社群-运营', '感谢老王的分享！']);
  t += 3600;
  // Evening: one-line hellos from 300 more members, then a few short exchanges.
  for (let i = 0; i < 300; i++) out.push([(t += 15), member(1000 + i), `大家好，我是新人${i}号`]);
  return out;
}

/** Seq of the first guest message (it names 对账文件) at or after `seq`. */
export function talkSeqFrom(seq: number): number {
  const msgs = busyMessages();
  for (let i = seq - 1; i < msgs.length; i++) if (msgs[i]![1].startsWith('嘉宾') && msgs[i]![2].includes('对账文件')) return i + 1;
  throw new Error(`no guest message from ${seq}`);
}

function log(date: string, msgs: [number, string, string][]): string {
  const body = msgs.map(([s, who, text]) => `> ${hhmmss(s)}  ${who}  \n   \n${text}  \n   \n`).join('');
  return `---\nlayout:     source\ntitle:      "${date}-WeChat"\ndate:       ${date} 12:00:00\nauthor:     "PaymentGroup"\nlines:      ${msgs.length}\ntag:       [chat]\n---\n${body}`;
}

/** Writes the fixture content folder and returns its path. */
export function busyContent(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cka-busy-'));
  const content = join(dir, 'content');
  for (const g of ['devarch', 'proddev']) mkdirSync(join(content, 'logs', g), { recursive: true });
  for (const f of ['groups.yaml', 'topics.yaml']) copyFileSync(join(ROOT, 'content', f), join(content, f));
  // Two terms: 分录流水 cited on the real day, and 对账文件 cited on the busy day's third part by an old-style
  // link `/<group>/<date>/#m<seq>`, which the page must turn into a link to that part.
  mkdirSync(join(content, 'glossary'), { recursive: true });
  writeFileSync(join(content, 'glossary/fenlu-liushui.md'), `---\nterm: 分录流水\naliases: [会计流水]\ntopics: []\nrelated: [duizhang-wenjian]\nsources: [${REAL_DAY}/155]\n---\n按会计分录记下的流水：“每个交易类型对应的会计分录的流水”（[#155](/${REAL_DAY}/#m155)）。\n`);
  const cited = talkSeqFrom(800);
  writeFileSync(join(content, 'glossary/duizhang-wenjian.md'), `---\nterm: 对账文件\naliases: []\ntopics: []\nrelated: [fenlu-liushui]\nsources: [${BUSY_DAY}/${cited}]\n---\n银行或渠道每天下发的交易明细，用来和自己的流水核对（[#${cited}](/${BUSY_DAY}/#m${cited})）。\n`);
  copyFileSync(join(ROOT, 'content/logs', `${REAL_DAY}-chat.markdown`), join(content, 'logs', `${REAL_DAY}-chat.markdown`));
  writeFileSync(join(content, 'logs', `${BUSY_DAY}-chat.markdown`), log('2020-01-01', busyMessages()));
  return content;
}

// The guest-talk pattern: an announcement of a 分享 (usually naming the guest with @), roll-call acks
// (签到, 欢迎), the guest's long run, listeners' questions, then thanks. All of it is one thread, even while
// another discussion goes on before the talk starts. The tracker is a small state machine fed message by message.
import type { Features } from './features.ts';

type Phase = 'idle' | 'announced' | 'running' | 'tail';

const ROLL_CALL = /签到|欢迎|鼓掌|报名|来了|占座|期待/;
const THANKS_TALK = /(?:感谢|谢谢|多谢).{0,8}分享|分享.{0,6}(?:感谢|谢谢)/;
const THANKS = /受教|感谢|谢谢|多谢|学习了|吊炸天|厉害|精彩|干货|赞|666|\[强\]|鼓掌|佩服/;
/** The guest opening the talk in their own words, when the announcement did not @ them ("今天我和大家分享…"). */
const STARTS_TALK = /(?:我|今天|今晚)(?:来)?(?:和|给|跟|为|与)大家(?:做个?|简单)?(?:分享|聊聊|介绍)|(?:开始|现在)(?:今天的|今晚的)?分享|今天(?:我)?分享的(?:主题|内容)/;
/** A clock time in the announcement ("开始时间为【21:30】", "晚上8点半"): the talk waits for it. */
const CLOCK = /(\d{1,2})\s*[:：]\s*(\d{2})|(\d{1,2})\s*点\s*(半)?/;

/** Seconds since midnight of the announced start, when the text names one later than `t` on the same day. */
export function announcedStart(text: string, t: number): number | null {
  const m = CLOCK.exec(text);
  if (!m) return null;
  let h = Number(m[1] ?? m[3]);
  const min = m[2] !== undefined ? Number(m[2]) : m[4] ? 30 : 0;
  if (h < 12 && /晚上|今晚|下午|晚/.test(text) && h * 3600 < t) h += 12;
  const at = h * 3600 + min * 60;
  return h <= 23 && min <= 59 && at > t ? at : null;
}

/** How long (s) a talk waits for its guest, how long a silent guest keeps it running, and its tail. */
const WAIT = 90 * 60;
const SILENCE = 20 * 60;
const TAIL = 40 * 60;

export class TalkTracker<T = unknown> {
  private phase: Phase = 'idle';
  private thread: T | null = null;
  private guests = new Set<string>();
  private since = 0;
  /** When the talk was announced to start (the wait counts from then), or `since`. */
  private startsAt = 0;
  private lastGuest = 0;
  private lastTalk = 0;
  /** The day's last talk once over: thanks for it keep coming long after ("感谢王总的精彩分享"). */
  private over: T | null = null;

  /** The talk thread when the message belongs to the talk whatever else it says. */
  claims(f: Features): T | null {
    this.advance(f.t);
    if (this.phase === 'idle' || !this.thread) return null;
    if (this.guests.has(f.who)) return this.thread;
    if (f.mentions.some((k) => this.guests.has(k))) return this.thread;
    if (this.phase === 'announced' && f.ack && ROLL_CALL.test(f.plain + f.stickers) && f.t - this.lastTalk < 10 * 60) return this.thread;
    if (this.phase === 'announced' && STARTS_TALK.test(f.plain)) return this.thread;
    if (this.phase === 'running' && f.ack) return this.thread;
    if (this.phase === 'tail' && f.ack && THANKS.test(f.plain + f.stickers)) return this.thread;
    return null;
  }

  /** The thread of a talk announced and not yet begun: a second announcement before it begins is a reminder of it. */
  announced(f: Features): T | null {
    this.advance(f.t);
    return this.phase === 'announced' ? this.thread : null;
  }

  /** The finished talk's thread when the message thanks someone for a 分享 (a candidate however idle). */
  thanked(f: Features): T | null {
    return this.phase === 'idle' && this.over && THANKS_TALK.test(f.plain) ? this.over : null;
  }

  /** Listeners' messages during the talk default to it. */
  bias(f: Features, th: T): number {
    if (th === this.over && this.phase === 'idle') return THANKS_TALK.test(f.plain) ? 3 : 0;
    if (th !== this.thread) return 0;
    // Listeners' questions go to the guest, even when they open like a new topic ("请问一下…").
    if (this.phase === 'running') return f.question ? 5.5 : 3;
    if (this.phase === 'tail') return THANKS.test(f.plain + f.stickers) ? 2 : 0.8;
    return 0;
  }

  newBias(_f: Features): number {
    return this.phase === 'running' ? 1 : 0;
  }

  observe(f: Features, th: T): void {
    if (f.announce) {
      // A reminder ("敲黑板了，今天嘉宾分享时间为 21:30") keeps the guests and the start time already known.
      const reminder = this.phase === 'announced' && th === this.thread;
      this.phase = 'announced';
      this.thread = th;
      this.guests = new Set([...(reminder ? this.guests : []), ...f.guests]);
      this.since = f.t;
      this.startsAt = Math.max(reminder ? this.startsAt : 0, announcedStart(f.plain, f.t) ?? f.t);
      this.lastTalk = f.t;
      if (f.guests.includes(f.who)) { this.phase = 'running'; this.lastGuest = f.t; }
      return;
    }
    if (th !== this.thread) return;
    this.lastTalk = f.t;
    if (this.phase === 'announced' && !this.guests.has(f.who) && STARTS_TALK.test(f.plain)) this.guests.add(f.who);
    if (this.guests.has(f.who)) {
      this.lastGuest = f.t;
      if (this.phase === 'announced') this.phase = 'running';
      if (f.closesTalk) this.phase = 'tail';
    }
  }

  private advance(t: number): void {
    if (this.phase === 'announced' && t - Math.max(this.since, this.startsAt) > WAIT) this.phase = 'idle';
    if (this.phase === 'running' && t - this.lastGuest > SILENCE) this.phase = 'tail';
    if (this.phase === 'tail' && t - this.lastTalk > TAIL) { this.phase = 'idle'; this.over = this.thread; this.thread = null; }
  }
}

// Chinese display formats for dates and times (the site UI is zh-CN).

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

/** `2018-08-08` -> `2018年8月8日` */
export function zhDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** `2018-08-08` -> `星期三` (dates are calendar dates; computed in UTC so the machine's zone cannot shift them) */
export function zhWeekday(date: string): string {
  return `星期${WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()]}`;
}

/** `2018-08` -> `2018年8月` */
export function zhMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return `${y}年${m}月`;
}

/** `09:13:08` -> `09:13` */
export const shortTime = (time: string) => time.slice(0, 5);

/** The groups are in China: timestamps carry +08:00 so feeds and structured data are unambiguous. */
export function isoDateTime(date: string, time = '12:00:00'): string {
  return `${date}T${time.length === 5 ? `${time}:00` : time}+08:00`;
}

/** Shortens a text for titles and previews, on code points so no surrogate pair is cut in half. */
export function truncate(text: string, max: number): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}

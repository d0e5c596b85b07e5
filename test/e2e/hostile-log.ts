// A day log written by an attacker: every way chat text, names and links could try to inject markup or
// script into the site. Used by site-hostile.test.ts. Each payload sets window.__pwned or calls alert().
export const HOSTILE_DATE = '2018-09-01';
export const HOSTILE_GROUP = 'devarch';

const LONG = 'A'.repeat(5000);

const messages: [string, string, string][] = [
  ['09:00:01', '<img src=x onerror="window.__pwned=1">坏人-<b>公司</b>-技术', '<script>window.__pwned=1;alert(1)</script> 请问对账文件的ERR文件怎么处理？'],
  ['09:00:05', '普通人-某公司-技术', '[点我](javascript:window.__pwned=1) 和 [数据](data:text/html,<script>alert(1)</script>) 还有 [正常链接](https://example.com/a?b=1&c=2) 以及 [空格](  javascript:alert(1))'],
  ['09:00:09', '<a href="javascript:alert(1)" onclick="window.__pwned=1">链接人</a>', '![x" onerror="window.__pwned=1](http://127.0.0.1:9/none.png) ![<svg onload=alert(1)>](javascript:alert(1)) ![ok](data:image/svg+xml,<svg onload=alert(1)>)'],
  ['09:00:12', '普通人-某公司-技术', '&lt;script&gt;window.__pwned=1&lt;/script&gt; 和 &amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt; 还有 &#60;img src=x onerror=alert(1)&#62;'],
  ['09:00:15', '坏人2" onmouseover="alert(1)', '</script><script>window.__pwned=1</script><!-- 结算问题怎么办？'],
  ['09:00:20', '长行', LONG],
  ['09:00:30', '普通人-某公司-技术', '@坏人2" onmouseover="alert(1) 回答一下：<iframe src="javascript:alert(1)"></iframe> <a href="javascript:alert(1)">x</a> <div style="position:fixed;left:0;top:0;width:5000px;height:5000px;background:red">wide</div> <style>body{display:none}</style>'],
  ['09:00:40', '..', '<svg><script>window.__pwned=1</script></svg> <math><mtext><table><mglyph><style><img src=x onerror=alert(1)>'],
  ['09:00:50', '<script>alert(1)</script>', '{{constructor.constructor("alert(1)")()}} ${alert(1)} javascript:alert(1) 再问一句清算怎么做？'],
];

export function hostileLog(): string {
  const body = messages.map(([t, who, text]) => `> ${t}  ${who}  \n   \n${text}  \n   \n`).join('');
  return `---
layout:     source
title:      "${HOSTILE_DATE}-WeChat"
date:       ${HOSTILE_DATE} 12:00:00
author:     <script>window.__pwned=1</script>
lines:      ${messages.length * 4}
tag:       [chat]
---
${body}`;
}

export const HOSTILE_MESSAGE_COUNT = messages.length;

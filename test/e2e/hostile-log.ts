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
  // Attribute breakouts through quotes inside http(s) URLs (Astro writes such values verbatim when they hold `&`).
  ['09:01:00', '普通人-某公司-技术', '[双引号](https://example.com/?a=1&b="autofocus=""onfocus="window.__pwned=1) [单引号](https://example.com/?a=1&b=\'autofocus=\'\'onfocus=\'window.__pwned=1) [反引号](https://example.com/?a=1&b=`autofocus=``onfocus=`window.__pwned=1)'],
  ['09:01:05', '普通人-某公司-技术', '[实体](https://example.com/?a=1&b=&quot;autofocus=&quot;&quot;onfocus=&quot;window.__pwned=1) [双重实体](https://example.com/?a=1&b=&amp;quot;onmouseover=&amp;quot;window.__pwned=1) [十进制](https://example.com/?a=1&b=&#34;onmouseover=&#34;window.__pwned=1) [十六进制](https://example.com/?a=1&b=&#x22;onmouseover=&#x22;window.__pwned=1) [三重](https://example.com/?a=1&b=&amp;amp;#x22;onmouseover=&amp;amp;#x22;window.__pwned=1)'],
  ['09:01:10', '普通人-某公司-技术', '![图](http://127.0.0.1:9/i.png?a=1&b="onerror="window.__pwned=1) ![图2](http://127.0.0.1:9/i.png?a=1&b=&quot;onerror=&quot;window.__pwned=1) ![图3](http://127.0.0.1:9/i.png?a=1&b=\'onerror=\'window.__pwned=1) ![图4](http://127.0.0.1:9/i.png?a=1&b=&#x22;onerror=&#x22;window.__pwned=1)'],
  ['09:01:15', '普通人-某公司-技术', '裸链接 https://example.com/?a=1&b=\'onmouseover=\'window.__pwned=1\' 和 https://example.com/?a=1&b=&quot;onmouseover=&quot;window.__pwned=1 以及 http://127.0.0.1:9/?x=1&y=`onmouseover=`window.__pwned=1'],
  ['09:01:20', '普通人-某公司-技术', '[全屏覆盖](https://example.com/?a=1&b="style="position:fixed;top:0;left:0;width:100vw;height:100vh;z-index:9999;background:red) ![覆盖](http://127.0.0.1:9/i.png?a=1&b=&quot;style=&quot;position:fixed;inset:0;width:100vw;height:100vh)'],
  // Alt text and names that parse as http URLs with `&` are written verbatim by the framework too.
  ['09:01:25', 'https://x.example/?a&" onmouseover="window.__pwned=1', '![https://x.example/?a&" onerror="window.__pwned=1" data-x="](http://127.0.0.1:9/alt.png) 名字也是链接'],
  // Disguised schemes, protocol-relative, userinfo, look-alike hosts, very long URLs, CR/LF.
  ['09:01:30', '普通人-某公司-技术', '[a](JaVaScRiPt:window.__pwned=1) [b](javascript&#58;window.__pwned=1) [c](&#106;avascript:window.__pwned=1) [d](jav&#x09;ascript:window.__pwned=1) [e](&#x20;javascript:window.__pwned=1) [f](//evil.example/x) [g](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) [h](vbscript:msgbox(1))'],
  ['09:01:35', '普通人-某公司-技术', `[网银登录](https://bank.example@evil.example/) [贝宝](https://раураl.com/login) [换行](https://example.com/&#13;&#10;Set-Cookie:a=1) [编码换行](https://example.com/%0d%0aX:1) [超长](https://example.com/${'a'.repeat(6000)})`],
  // Bidi controls in names and bodies (raw and entity-encoded), zero-width space inside a glossary term.
  ['09:01:40', '坏人\u202e技术-司公', '\u202e反转的消息\u202c 和 &#x202E;实体反转&#8238; \u2066隔离\u2069 请问分\u200b录流水怎么对？'],
  ['09:01:45', '\u2067右至左\u2069名字', '名字两边的文字不应被反转 \u202d强制左到右\u202c'],
  // Very long names: 200 characters (ASCII here; the CJK one below when slugs are bounded).
  ['09:01:50', `${'W'.repeat(100)}-${'长名字'.repeat(33)}`.slice(0, 200), '很长的名字也不能撑破版面'],
  // A forged header typed inside a message (no blank separator line before it).
  ['09:02:00', '普通人-某公司-技术', `看这个：\n> 09:02:01  wood-通联-技术\n我是冒充的消息`],
  // Adversarial lines: long runs of markdown and entity starts (the parser and thread features stay linear).
  ['09:02:10', '普通人-某公司-技术', '['.repeat(5000)],
  ['09:02:11', '普通人-某公司-技术', '!['.repeat(3000)],
  ['09:02:12', '普通人-某公司-技术', ']('.repeat(3000)],
  ['09:02:13', '普通人-某公司-技术', '@'.repeat(5000)],
  ['09:02:14', '普通人-某公司-技术', '&amp;'.repeat(2000)],
  ['09:02:15', '普通人-某公司-技术', '`'.repeat(5000)],
  // `]]>` and `</script>` in a thread's opening question reach the feed and JSON-LD.
  ['09:02:20', '普通人-某公司-技术', ']]><script>window.__pwned=1</script>]]&gt; 这个 CDATA 结束符怎么处理？'],
];

// A 200-character CJK name is 600 bytes as a file name: bounded slugs (issue 9 item 4) keep it buildable.
messages.push(['09:02:30', '名'.repeat(200), '两百个汉字的名字']);

/** Header lines typed inside a message body: by the format each one starts a message of its own. */
export const FORGED_HEADERS = 1;

export function hostileLog(): string {
  const body = messages.map(([t, who, text]) => `> ${t}  ${who}  \n   \n${text}  \n   \n`).join('');
  return `---
layout:     source
title:      "${HOSTILE_DATE}-WeChat"
date:       ${HOSTILE_DATE} 12:00:00
author:     <script>window.__pwned=1</script>
lines:      ${body.split('\n').length - 1}
tag:       [chat]
---
${body}`;
}

export const HOSTILE_MESSAGE_COUNT = messages.length + FORGED_HEADERS;

import { describe, expect, it } from 'vitest';
import { findPii, luhn, redactText, validBankCard, validIdCard } from '../../src/text/redact.ts';

// Valid numbers made for the test: the ID's check digit and the card's Luhn digit are computed, not copied.
const ID = '11010519491231002X';
const CARD = '6222021234567890128'; // UnionPay prefix, Luhn-valid, 19 digits

describe('findPii', () => {
  it('finds mobiles with boundaries and separators, landlines with an area code', () => {
    expect(findPii('我的微信号13122708365 谢谢').map((h) => h.text)).toEqual(['13122708365']);
    expect(findPii('电话 138-1234-5678 或 +86 139 1234 5678').map((h) => h.kind)).toEqual(['phone', 'phone']);
    expect(findPii('座机010-62345678，深圳(0755)8765 4321').map((h) => h.text)).toEqual(['010-62345678', '(0755)8765 4321']);
  });
  it('leaves order numbers, timestamps, amounts and ids alone', () => {
    for (const s of ['订单号2018050313612339134', '时间戳1525321833', '金额0.13812345678', 'TX13812345678', '1381234567890', 'merchandiseId=I1060400001000003253', '20180514133612_33913.pdf', '12:34:56 13:00'])
      expect(findPii(s), s).toEqual([]);
  });
  it('needs the check digit on ID-card and bank-card numbers', () => {
    expect(validIdCard(ID)).toBe(true);
    expect(validIdCard('110105194912310021')).toBe(false); // wrong check digit
    expect(validIdCard('110105194913310029')).toBe(false); // month 13
    expect(findPii(`身份证${ID}`)).toMatchObject([{ kind: 'idcard', text: ID }]);
    expect(luhn('79927398713')).toBe(true);
    expect(validBankCard(CARD)).toBe(true);
    expect(validBankCard('6222021234567890123')).toBe(false); // Luhn fails
    expect(validBankCard('2018050313612339')).toBe(false); // a timestamp-like start is no issuer
    expect(findPii(`卡号 ${CARD.slice(0, 4)} ${CARD.slice(4, 8)} ${CARD.slice(8, 12)} ${CARD.slice(12, 16)} ${CARD.slice(16)}`)).toMatchObject([{ kind: 'bankcard' }]);
  });
  it('finds e-mail addresses but not @mentions', () => {
    expect(findPii('简历发我邮箱101453@qq.com就好').map((h) => h.text)).toEqual(['101453@qq.com']);
    expect(findPii('投递到jing.wangjing@antfin.com或微信').map((h) => h.text)).toEqual(['jing.wangjing@antfin.com']);
    expect(findPii('@wood-通联 你好 @张三 ')).toEqual([]);
    expect(findPii('https://bank.example@evil.example/')).toEqual([]);
  });
  it('honours kinds and the allow-list', () => {
    const s = '热线028-88888888，手机13122708365，邮箱a.b@c.com';
    expect(redactText(s)).toBe('热线[电话已隐去]，手机[电话已隐去]，邮箱[邮箱已隐去]');
    expect(redactText(s, { kinds: ['email'], allow: [] })).toBe('热线028-88888888，手机13122708365，邮箱[邮箱已隐去]');
    expect(redactText(s, { kinds: ['phone', 'email'], allow: ['02888888888'] })).toBe('热线028-88888888，手机[电话已隐去]，邮箱[邮箱已隐去]');
  });
});

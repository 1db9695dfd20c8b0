/**
 * Undeclared (or falsely declared UTF-8) legacy pages: the byte statistics tell Chinese two-byte
 * text (GBK, GB18030) from Cyrillic and Western single-byte text.
 */
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeBody } from '../../src/stages/fetch/charset.js';

const CHINESE =
  '<p>俄罗斯外交部长拉夫罗夫与美国国务卿克里星期五在日内瓦举行会谈，会谈持续了十多个小时。</p><p>分析人士指出，这些协议仍然十分脆弱。</p>';
const RUSSIAN =
  '<p>Министр иностранных дел России Сергей Лавров и государственный секретарь США Джон Керри провели переговоры в Женеве.</p>';

describe('guessing an undeclared charset', () => {
  it.each(['gbk', 'gb18030'])('reads Chinese %s served with a false UTF-8 header', (encoding) => {
    expect(decodeBody(iconv.encode(CHINESE, encoding), 'utf-8')).toMatchObject({
      text: CHINESE,
      charset: 'gb18030',
      source: 'guess',
    });
  });

  it('reads undeclared Chinese GBK', () => {
    expect(decodeBody(iconv.encode(CHINESE, 'gbk')).text).toBe(CHINESE);
  });

  it.each(['windows-1251', 'koi8-r'])('still reads Russian %s, long words and short', (encoding) => {
    for (const text of [RUSSIAN, '<p>Лавров</p>', '<p>Международные переговоры</p>']) {
      expect(decodeBody(iconv.encode(text, encoding), 'utf-8')).toMatchObject({ text, charset: encoding });
    }
  });
});

describe('a server default against the page', () => {
  const page = (charset: string) => `<html><head><meta charset="${charset}"></head><body>${RUSSIAN}</body></html>`;

  it.each(['windows-1251', 'koi8-r'])('reads a %s page by its meta when the header says ISO-8859-1', (encoding) => {
    expect(decodeBody(iconv.encode(page(encoding), encoding), 'ISO-8859-1')).toMatchObject({
      text: page(encoding),
      charset: encoding,
      source: 'meta',
    });
  });

  it('keeps an ISO-8859-1 header for a Latin page whose meta wrongly says UTF-8', () => {
    const latin = '<html><head><meta charset="utf-8"></head><body><p>Café crème à la française</p></body></html>';
    expect(decodeBody(iconv.encode(latin, 'latin1'), 'ISO-8859-1')).toMatchObject({
      text: latin,
      charset: 'windows-1252',
    });
  });
});

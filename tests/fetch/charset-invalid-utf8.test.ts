/**
 * A page that declares UTF-8 and is UTF-8 but for a few invalid bytes (a cut-off character, a
 * stray legacy byte) reads as a browser shows it: UTF-8, with U+FFFD for the bad bytes.
 */
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeBody } from '../../src/stages/fetch/charset.js';

const RUSSIAN = 'Министр иностранных дел России Сергей Лавров провёл переговоры с госсекретарём США.';
const GERMAN = 'Die Verhandlungen über die Abrüstung wurden in Genf fortgesetzt, berichtete die Süddeutsche.';

function withBadBytes(text: string): Buffer {
  const good = Buffer.from(text, 'utf8');
  // A lone windows-1252 "é" (0xE9) and a character cut after its first byte (0xD0).
  return Buffer.concat([
    good,
    Buffer.from(' caf'),
    Buffer.from([0xe9]),
    Buffer.from(' '),
    Buffer.from([0xd0]),
    Buffer.from('\n'),
    good,
  ]);
}

describe('a declared-UTF-8 body with a few invalid bytes', () => {
  it.each([
    ['Russian', RUSSIAN],
    ['German', GERMAN],
  ])('keeps %s text readable and marks only the bad bytes', (_name, text) => {
    const html = `<html><head><meta charset="utf-8"></head><body><p>${text}</p></body></html>`;
    const decoded = decodeBody(withBadBytes(html), 'utf-8');
    expect(decoded.charset).toBe('utf-8');
    expect(decoded.text.split(text).length - 1).toBe(2);
    expect(decoded.text).toContain(' caf\ufffd \ufffd\n');
  });

  it('is read as UTF-8 even when the header claims a legacy charset', () => {
    const decoded = decodeBody(withBadBytes(`<p>${RUSSIAN}</p>`), 'windows-1251');
    expect(decoded.charset).toBe('utf-8');
    expect(decoded.text).toContain(RUSSIAN);
  });

  it('still reads a legacy page falsely declared UTF-8 by its legacy bytes', () => {
    const html = `<html><head><meta charset="utf-8"></head><body><p>${RUSSIAN}</p></body></html>`;
    expect(decodeBody(iconv.encode(html, 'windows-1251'), 'utf-8')).toMatchObject({
      charset: 'windows-1251',
      text: html,
    });
  });
});

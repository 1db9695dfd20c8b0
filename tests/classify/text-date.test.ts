import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dateFromText } from '../../src/stages/classify/text-date.js';
import { SHARED_DIR } from '../helpers/shared-data.js';

const read = new Date('2026-11-30T12:00:00Z');

describe('the date an article states in its text', () => {
  it('reads an English dateline, its year the latest such day before the article was read', () => {
    expect(dateFromText('', 'MOSCOW, April 12 (Reuters) - Lavrov and Tillerson met.', 'en', read)).toMatchObject({
      date: '2026-04-12',
      rule: 'dateline',
    });
    expect(dateFromText('', 'WASHINGTON, Dec 20 (Reuters) - Talks.', 'en', read)?.date).toBe('2025-12-20');
  });

  it('takes a dateline year from a full date of the same day in the lead', () => {
    const text = 'MOSCOW, Dec 20 (Reuters) - The ministers met. On December 20, 2016, they agreed on a ceasefire.';
    expect(dateFromText('', text, 'en', read)?.date).toBe('2016-12-20');
  });

  it('reads a Russian dateline and a Russian full date', () => {
    expect(dateFromText('', 'МОСКВА, 12 апреля. /ТАСС/. Лавров встретился с Тиллерсоном.', 'ru', read)?.date).toBe(
      '2026-04-12',
    );
    expect(dateFromText('', 'Лавров и Керри встретились 7 мая 2013 года в Москве.', 'ru', read)).toMatchObject({
      date: '2013-05-07',
      rule: 'lead',
    });
  });

  it('takes the first full date of the lead when there is no dateline', () => {
    const text = 'Kerry gestures during a news conference in Moscow May 7, 2013. The treaty of April 8, 2010 holds.';
    expect(dateFromText('', text, 'en', read)).toMatchObject({ date: '2013-05-07', rule: 'lead', text: 'May 7, 2013' });
  });

  it('gives no date to a text that states none, nor for weekdays and relative days', () => {
    expect(
      dateFromText('Talks in Moscow', 'Kerry arrives on Wednesday; a day later he meets Putin.', 'en', read),
    ).toBeNull();
    expect(dateFromText('', '', 'en', read)).toBeNull();
  });

  it('refuses impossible dates, dates after the article was read and dates before 1990', () => {
    expect(dateFromText('', 'They met on February 30, 2017.', 'en', read)).toBeNull();
    expect(dateFromText('', 'The treaty runs until May 1, 2031.', 'en', read)).toBeNull();
    expect(dateFromText('', 'Gorbachev and Reagan met on December 8, 1987.', 'en', read)).toBeNull();
    expect(dateFromText('', 'Expires May 1, 2031. Signed in Prague on April 8, 2010.', 'en', read)?.date).toBe(
      '2010-04-08',
    );
  });

  it.runIf(existsSync(`${SHARED_DIR}/seeds`))(
    'dates the seeds that state a date, and leaves the others undated',
    () => {
      const seed = (f: string) => readFileSync(`${SHARED_DIR}/seeds/${f}`, 'utf8');
      expect(dateFromText('', seed('000_1d922c602dfb9d37.txt'), 'en', read)?.date).toBe('2013-05-07');
      expect(dateFromText('', seed('004_a22345d48b9559f9.txt'), 'en', read)?.date).toBe('2017-04-12');
      expect(dateFromText('', seed('002_32088a41b8296cee.txt'), 'en', read)).toBeNull();
    },
  );
});

import { describe, expect, it } from 'vitest';
import { loadGazetteer } from '../../src/stages/classify/gazetteer.js';
import { compileCalendars, findDates, parseArticleDate, resolveDate } from '../../src/stages/events/dates.js';
import { loadEventRules } from '../../src/stages/events/rules.js';

const calendars = compileCalendars(loadEventRules(loadGazetteer()).data.calendar);
/** The first date expression of `text`, resolved against a Wednesday, 2017-04-12. */
interface ResolveOptions {
  future?: boolean;
  lang?: 'en' | 'ru';
  ref?: string | null;
}

function resolve(text: string, { future = false, lang = 'en', ref = '2017-04-12' }: ResolveOptions = {}) {
  const [m] = findDates(text, calendars[lang]);
  if (!m) return undefined;
  return resolveDate(m.spec, parseArticleDate(ref), future).date;
}

describe('event date resolution', () => {
  it('takes explicit dates as written, in either order and with abbreviations', () => {
    expect(resolve('met in Moscow May 7, 2013.')).toBe('2013-05-07');
    expect(resolve('signed on 7 May 2013')).toBe('2013-05-07');
    expect(resolve('signed on Aug. 2')).toBe('2016-08-02'); // a held event falls before the article
    expect(resolve('will meet on Aug. 2', { future: true })).toBe('2017-08-02');
    expect(resolve('passed the Senate on June 15', { ref: '2017-07-25' })).toBe('2017-06-15');
  });

  it('puts a weekday on or before the article date for a held event, on or after it for a planned one', () => {
    expect(resolve('met on Sunday')).toBe('2017-04-09');
    expect(resolve('met on Wednesday')).toBe('2017-04-12');
    expect(resolve('will meet on Saturday', { future: true })).toBe('2017-04-15');
    expect(resolve('met last Wednesday')).toBe('2017-04-05');
    expect(resolve('will meet next Wednesday', { future: true })).toBe('2017-04-19');
  });

  it('resolves yesterday, days ago, and gives only the month for weeks and months', () => {
    expect(resolve('spoke yesterday')).toBe('2017-04-11');
    expect(resolve('met three days ago')).toBe('2017-04-09');
    expect(resolve('voted last week', { ref: '2017-08-01' })).toBe('2017-07');
    expect(resolve('to meet next week', { future: true, ref: '2017-06-30' })).toBe('2017-07');
    expect(resolve('met last month')).toBe('2017-03');
    expect(resolve('will meet next month', { future: true, ref: '2017-12-20' })).toBe('2018-01');
    expect(resolve('expelled in July', { ref: '2017-09-05' })).toBe('2017-07');
    expect(resolve('discussed last December', { ref: '2017-12-04' })).toBe('2016-12');
  });

  it('reads Russian dates: "18 ноября", "во вторник", "на прошлой неделе", "вчера"', () => {
    const ru = { lang: 'ru' as const, ref: '2019-11-20' };
    expect(resolve('встреча состоялась 18 ноября', ru)).toBe('2019-11-18');
    expect(resolve('Лавров и Помпео встретились во вторник', ru)).toBe('2019-11-19');
    expect(resolve('разговор состоялся на прошлой неделе', ru)).toBe('2019-11');
    expect(resolve('вчера Путин позвонил', ru)).toBe('2019-11-19');
    expect(resolve('26 января 2021 года', { ...ru, ref: null })).toBe('2021-01-26');
  });

  it('drops impossible and implausible dates, saying why', () => {
    const [feb30] = findDates('met on February 30', calendars.en);
    expect(resolveDate(feb30!.spec, parseArticleDate('2017-04-12'), false)).toEqual({
      date: null,
      reason: 'no such day: 02-30',
    });
    const [future] = findDates('met on June 3, 2400', calendars.en);
    expect(resolveDate(future!.spec, null, false)).toMatchObject({
      date: null,
      reason: expect.stringMatching(/2400 is too far ahead/),
    });
    const [old] = findDates('met on May 1, 1950', calendars.en);
    expect(resolveDate(old!.spec, null, false)).toMatchObject({
      date: null,
      reason: expect.stringMatching(/before 1990/),
    });
    expect(resolve('met on Sunday', { ref: null })).toBeNull();
  });

  it('does not read "may" the verb or "march" the noun as months', () => {
    expect(findDates('they may 7 times meet', calendars.en)).toEqual([]);
    expect(findDates('a march 4 miles long', calendars.en)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { loadGazetteer } from '../../src/stages/classify/gazetteer.js';
import { TaxonomyError } from '../../src/stages/classify/taxonomy-error.js';
import { createEventExtractor } from '../../src/stages/events/extractor.js';
import { validateEventRules } from '../../src/stages/events/rules.js';
import { ArticleEventsSchema } from '../../src/shared/event-contract.js';
import { readDataFile } from '../../src/stages/classify/taxonomy.js';
import { DEFAULT_EVENT_RULES_PATH } from '../../src/stages/events/rules.js';

const extractor = createEventExtractor();
const read = (text: string, date: string | null = '2017-04-12', title = '') => extractor.extract({ title, text, date });

describe('event extraction', () => {
  it('reads a held meeting with canonical names, place, date and its sentence as evidence', () => {
    const text =
      'U.S. Secretary of State Rex Tillerson met Russian Foreign Minister Sergey Lavrov in Moscow on Wednesday. They talked for hours.';
    const { events } = read(text);
    expect(events).toEqual([
      {
        type: 'meeting',
        status: 'held',
        us: ['Rex Tillerson'],
        ru: ['Sergei Lavrov'],
        initiator: null,
        place: 'Moscow',
        date: '2017-04-12',
        evidence:
          'U.S. Secretary of State Rex Tillerson met Russian Foreign Minister Sergey Lavrov in Moscow on Wednesday.',
      },
    ]);
  });

  it('tells planned and cancelled meetings from held ones', () => {
    expect(read('Tillerson is due to meet Lavrov in Moscow next week.').events[0]).toMatchObject({
      status: 'planned',
      date: '2017-04',
    });
    expect(read('The planned meeting between Tillerson and Lavrov was called off.').events[0]).toMatchObject({
      status: 'cancelled',
    });
  });

  it('names the side that acts in sanctions and expulsions', () => {
    const [sanctions] = read(
      'The U.S. House of Representatives voted on Tuesday to slap new sanctions on Russia.',
      '2017-07-25',
    ).events;
    expect(sanctions).toMatchObject({
      type: 'sanctions',
      initiator: 'us',
      us: ['US Congress'],
      ru: ['Russia'],
      date: '2017-07-25',
    });
    const [expulsion] = read(
      'Moscow ordered the U.S. diplomatic mission to cut its staff by 755 people on Sunday.',
      '2017-08-01',
    ).events;
    expect(expulsion).toMatchObject({ type: 'expulsion', initiator: 'ru', date: '2017-07-30' });
  });

  it('merges the reports of one meeting in an article and keeps apart a meeting with someone else', () => {
    const text = [
      'Tillerson met Lavrov in Moscow on Wednesday.',
      'The meeting between Lavrov and Tillerson lasted three hours.',
      'Tillerson later held talks with Russian President Vladimir Putin.',
    ].join(' ');
    const { events } = read(text);
    expect(events.map((e) => [e.ru, e.place])).toEqual([
      [['Sergei Lavrov'], 'Moscow'],
      [['Vladimir Putin'], 'Moscow'],
    ]);
  });

  it('is not fooled by wishes, campaign contacts and speakers', () => {
    expect(read('Trump said he would like to meet Putin one day.').events).toEqual([]);
    expect(read('Donald Trump Jr. met a Russian lawyer at Trump Tower during the campaign.').events).toEqual([]);
    expect(
      read('Kremlin spokesman Dmitry Peskov said the U.S. sanctions would not change Russian policy.').events,
    ).toEqual([]);
  });

  it('reads people across sentences: a pronoun, a role, "that meeting", a counterpart after "with"', () => {
    const pronoun = read(
      'Kerry arrived in Moscow on Tuesday. His talks with Russian President Vladimir Putin lasted four hours.',
      '2013-05-08',
    ).events;
    expect(pronoun.map((e) => [e.us, e.ru])).toContainEqual([['John Kerry'], ['Vladimir Putin']]);
    const role = read(
      'Sergei Lavrov said on Monday he hoped for better ties. Trump raised the issue in a meeting with Russia’s foreign minister at the White House.',
      '2017-05-15',
    ).events;
    expect(role).toEqual([expect.objectContaining({ type: 'meeting', us: ['Donald Trump'], ru: ['Sergei Lavrov'] })]);
    const pair = read(
      'Kerry and Lavrov met in Berlin in February. That meeting in Paris took place on May 27.',
      '2013-06-01',
    ).events;
    expect(pair.map((e) => [e.us, e.ru, e.place])).toContainEqual([['John Kerry'], ['Sergei Lavrov'], 'Paris']);
    const counterpart = read(
      'Lavrov, who had arrived from Geneva, watched as Tillerson met with Russian President Vladimir Putin in Moscow.',
    ).events;
    expect(counterpart.map((e) => e.ru)).toEqual([['Vladimir Putin']]);
  });

  it('dates an event by its own clause: not by a deadline, a speech or another clause', () => {
    const [cut] = read(
      'The Kremlin ordered the U.S. mission to cut its diplomatic staff in Russia by September 1.',
      '2017-08-07',
    ).events;
    expect(cut).toMatchObject({ type: 'expulsion', initiator: 'ru', date: null });
    const [call] = read(
      'Flynn resigned on Monday after revelations that he had discussed sanctions with the Russian ambassador Sergei Kislyak.',
      '2017-02-15',
    ).events;
    expect(call).toMatchObject({ type: 'call', us: ['Michael Flynn'], ru: ['Sergei Kislyak'], date: null });
  });

  it('reads Russian: canonical English names, Russian dates and cities', () => {
    const { events } = read('Сергей Лавров и Майк Помпео провели переговоры в Сочи во вторник.', '2019-05-16');
    expect(events).toEqual([
      expect.objectContaining({
        type: 'meeting',
        status: 'held',
        us: ['Mike Pompeo'],
        ru: ['Sergei Lavrov'],
        place: 'Sochi',
        date: '2019-05-14',
      }),
    ]);
    const [call] = read(
      'Президент России Владимир Путин провел телефонный разговор с президентом США Дональдом Трампом 3 мая.',
      '2019-05-04',
    ).events;
    expect(call).toMatchObject({
      type: 'call',
      us: ['Donald Trump'],
      ru: ['Vladimir Putin'],
      date: '2019-05-03',
      place: null,
    });
  });

  it('stays bounded on hostile input and says what it left out', () => {
    const both = 'Tillerson met Lavrov in Moscow on February 30.';
    const { events, notes } = read(Array.from({ length: 10_000 }, () => both).join(' '));
    expect(ArticleEventsSchema.safeParse(events).success).toBe(true);
    expect(events).toHaveLength(1);
    expect(events[0]!.date).toBeNull();
    expect(notes.join('\n')).toMatch(/events were read from the first/);
    expect(notes.join('\n')).toMatch(/no such day: 02-30/);
    const far = read('Tillerson met Lavrov in Moscow on June 3, 2400. Putin called Trump on May 1, 1950.');
    expect(far.events.every((e) => e.date === null)).toBe(true);
    expect(far.notes.join('\n')).toMatch(/2400 is too far ahead/);
    expect(read('', null).events).toEqual([]);
  });

  it('refuses rules that do not validate, naming the field', () => {
    const raw = readDataFile(DEFAULT_EVENT_RULES_PATH) as { types: { meeting: { en: string[] } } };
    raw.types.meeting.en.push('(unclosed');
    expect(() => validateEventRules(raw, loadGazetteer())).toThrow(TaxonomyError);
    expect(() => validateEventRules(raw, loadGazetteer())).toThrow(
      /types\.meeting\.en\.\d+: must be a valid regular expression/,
    );
  });
});

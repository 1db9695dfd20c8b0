/**
 * Rules of the event extractor read from sentence grammar and article context: repeated and shifted
 * days, meetings of the two inside a larger gathering, agreements reached at a meeting, clauses that
 * keep their own people and dates, sanctions recalled in a sentence about lifting them, ledes in
 * the present tense, appositions and bodies named after a person.
 */
import { describe, expect, it } from 'vitest';
import { createEventExtractor } from '../../src/stages/events/extractor.js';

const extractor = createEventExtractor();
const read = (text: string, date: string | null = '2017-03-10', title = '') =>
  extractor.extract({ title, text, date }).events;

describe('event extraction: days named by other days', () => {
  it('reads "that day, and again the following day" as two calls on consecutive days', () => {
    const events = read(
      'The envoy arrived on March 2, 2017. Tillerson spoke by phone with Lavrov that day, and again the following day.',
    );
    expect(events.filter((e) => e.type === 'call').map((e) => e.date)).toEqual(['2017-03-02', '2017-03-03']);
  });

  it('dates an event "a day before" by the day after the date named before the phrase', () => {
    const [call] = read(
      'Senators met on Wednesday, a day before President Donald Trump is to have a telephone conversation with Vladimir Putin.',
    );
    expect(call).toMatchObject({ type: 'call', status: 'planned', date: '2017-03-09' });
  });

  it('keeps a date that opens a clause of its own out of the event', () => {
    const [call] = read(
      'The Kremlin denied that Flynn discussed sanctions with the Russian ambassador and on Tuesday it declined to comment.',
    );
    expect(call).toMatchObject({ type: 'call', us: ['Michael Flynn'], date: null });
  });

  it('takes a date right before the trigger as the event day, even after "said"', () => {
    const [meeting] = read('Trump said during a March 3 meeting with Russian officials that he wanted good ties.');
    expect(meeting).toMatchObject({ type: 'meeting', us: ['Donald Trump'], ru: ['Russia'], date: '2017-03-03' });
  });

  it('does not take a year after "since" as the year of an undated article', () => {
    const events = read(
      'Lavrov, foreign minister since 2004, met Kerry in Paris. That meeting in Paris took place on May 27.',
      null,
    );
    expect(events.find((e) => e.type === 'meeting')?.date ?? null).toBeNull();
  });
});

describe('event extraction: who takes part', () => {
  it('reads a meeting of the two as joint subject, even when other states may join', () => {
    const [meeting] = read(
      'The U.S. and Russian foreign ministers will meet in Vienna on Saturday, possibly joined by their counterparts from France, Germany, Italy and Spain.',
    );
    expect(meeting).toMatchObject({ type: 'meeting', status: 'planned', place: 'Vienna', date: '2017-03-11' });
  });

  it('still leaves out a gathering that lists other states without saying the two met', () => {
    const events = read('Ministers from France, Germany, Italy and Russia met U.S. officials in Vienna on Saturday.');
    expect(events.filter((e) => e.type === 'meeting')).toEqual([]);
  });

  it('gives an agreement of two bare states the people and city of the same day meeting', () => {
    const events = read(
      'Tillerson met Lavrov in Moscow on Wednesday. Russia and the United States agreed on Wednesday to restore a hotline.',
    );
    expect(events.find((e) => e.type === 'agreement')).toMatchObject({
      us: ['Rex Tillerson'],
      ru: ['Sergei Lavrov'],
      place: 'Moscow',
      date: '2017-03-08',
    });
  });

  it('keeps a person of another clause ("X was in contact with…, and Y spoke with…") out of the call', () => {
    const [call] = read(
      'In Washington, Kushner was in contact with the British ambassador, and Flynn spoke with Kislyak on Tuesday.',
    );
    expect(call).toMatchObject({ type: 'call', us: ['Michael Flynn'], ru: ['Sergei Kislyak'] });
  });

  it('reads "X and Y, <apposition>, discussed" as their call, the one who reports it being no speaker', () => {
    const [call] = read(
      'Prosecutors said Flynn and Sergei Kislyak, then Russia’s ambassador in Washington, on Tuesday discussed the sanctions.',
    );
    expect(call).toMatchObject({ type: 'call', us: ['Michael Flynn'], ru: ['Sergei Kislyak'], date: '2017-03-07' });
  });

  it('leaves a person named as the attribute of a body ("the Obama administration") out of a call', () => {
    const [call] = read(
      'Flynn spoke with Kislyak on Tuesday about the sanctions the Obama administration had imposed on Moscow.',
    );
    expect(call).toMatchObject({ type: 'call', us: ['Michael Flynn'], ru: ['Sergei Kislyak'] });
  });

  it('leaves out a third party’s call ("President Abbas … his call with President Trump"), not one of the two', () => {
    const events = read(
      'President Abbas spoke after his call with President Trump with the presidents of Russia and France.',
    );
    expect(events.filter((e) => e.type === 'call')).toEqual([]);
    const [call] = read('Putin said on Tuesday that his call with President Trump went well.');
    expect(call).toMatchObject({ type: 'call', us: ['Donald Trump'], ru: ['Vladimir Putin'] });
  });

  it('reads a prospective presidency and the relations of the two as topics, not actors', () => {
    const events = read(
      'The adviser met a Russian professor in London, and they discussed setting up meetings to talk about U.S.-Russia ties in a Trump presidency.',
    );
    expect(events).toEqual([]);
  });
});

describe('event extraction: sanctions and status', () => {
  it('reads sanctions someone had imposed in a sentence about undoing them, but not a bare wish to lift', () => {
    const [sanctions] = read(
      'Pence did not say whether Trump would undo the sanctions and expulsions Obama had slapped on Moscow.',
    );
    expect(sanctions).toMatchObject({ type: 'sanctions', us: ['Barack Obama'], initiator: 'us' });
    expect(read('Trump said he wanted to lift sanctions on Russia.').filter((e) => e.type === 'sanctions')).toEqual([]);
  });

  it('reads sanctions "imposed by" someone even in a sentence that wishes them away, with their month', () => {
    const [sanctions] = read(
      'In an interview on Friday, Trump said he might do away with sanctions imposed by the Obama administration on Russia in late February.',
    );
    expect(sanctions).toMatchObject({ type: 'sanctions', us: ['Barack Obama'], initiator: 'us', date: '2017-02' });
    expect(read('Trump said he might ease sanctions on Russia.').filter((e) => e.type === 'sanctions')).toEqual([]);
  });

  it('dates a held event told in the present tense by the article, but not one told in the past', () => {
    const [present] = read('The U.S. Treasury imposes sanctions on Russian officials.');
    expect(present).toMatchObject({ type: 'sanctions', status: 'held', date: '2017-03-10' });
    const [past] = read('The U.S. Treasury imposed sanctions on Russian officials.');
    expect(past).toMatchObject({ type: 'sanctions', date: null });
  });

  it('reads "any sanctions" as no specific measure, beside a specific one in the same sentence', () => {
    expect(read('Lawmakers want a say before the president eases any sanctions on Moscow.')).toEqual([]);
    const [sanctions] = read(
      'The Senate voted on Tuesday to slap new sanctions on Russia and to limit the power of the president to ease any sanctions.',
    );
    expect(sanctions).toMatchObject({ type: 'sanctions', us: ['US Congress'], date: '2017-03-07' });
  });

  it('reads "would be" about the event as planned', () => {
    const [meeting] = read('Ryabkov said the crisis would be addressed in Putin’s meeting with Trump.');
    expect(meeting).toMatchObject({ type: 'meeting', status: 'planned' });
  });
});

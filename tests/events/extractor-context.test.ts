import { describe, expect, it } from 'vitest';
import { createEventExtractor } from '../../src/stages/events/extractor.js';

const extractor = createEventExtractor();
const read = (text: string, date: string | null = '2017-04-12', title = '') => extractor.extract({ title, text, date });

describe('event extraction across an article', () => {
  it('leaves the status of a trip to meet to the article’s other reports of that meeting', () => {
    const { events } = read(
      'Rex Tillerson flew to Moscow to meet with Vladimir Putin. His meeting with Putin is scheduled for Thursday.',
    );
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ us: ['Rex Tillerson'], ru: ['Vladimir Putin'], status: 'planned' });
  });

  it('keeps a trip to meet held when nothing else is said of it', () => {
    const { events } = read('Rex Tillerson flew to Moscow to meet with Sergei Lavrov.');
    expect(events[0]).toMatchObject({ status: 'held', place: 'Moscow' });
  });

  it('dates "that day" by the date named just before', () => {
    const { events } = read(
      'The resolution came to a vote on April 3. Michael Flynn spoke with Sergei Kislyak that day.',
    );
    expect(events[0]).toMatchObject({ type: 'call', date: '2017-04-03' });
  });

  it('reads a head of state announcing an expulsion as ordering it, on that day', () => {
    const { events } = read(
      'Vladimir Putin said on Monday that the U.S. diplomatic mission in Russia must cut its staff by 100 people.',
    );
    expect(events[0]).toMatchObject({ type: 'expulsion', initiator: 'ru', ru: ['Vladimir Putin'], date: '2017-04-10' });
  });

  it('keeps a legislature’s sanctions vote and the president’s signing apart', () => {
    const { events } = read(
      'The U.S. Congress voted last week for new sanctions on Russia. Donald Trump will sign the Russia sanctions bill soon.',
    );
    expect(events.map((e) => [e.us, e.status])).toEqual([
      [['US Congress'], 'held'],
      [['Donald Trump'], 'planned'],
    ]);
  });

  it('reads the side a sanction strikes from its target phrase when a named person acts', () => {
    const { events } = read('Donald Trump signed on April 2 a law that requires sanctions on the Russian entities.');
    expect(events[0]).toMatchObject({ type: 'sanctions', us: ['Donald Trump'], ru: ['Russia'], date: '2017-04-02' });
    expect(read('The law requires sanctions on the Russian entities.').events).toEqual([]);
  });

  it('refuses a one-sided meeting whose person is named far from it', () => {
    const { events } = read(
      'Investigators asked whether the New York meeting dealt at length with lifting U.S. economic sanctions on Moscow, long a priority for Vladimir Putin.',
    );
    expect(events).toEqual([]);
  });

  it('reads a speaker who speaks of his own meeting as taking part', () => {
    const { events } = read(
      'Tillerson said he and Russian Foreign Minister Sergei Lavrov would meet in Manila next week.',
    );
    expect(events[0]).toMatchObject({
      us: ['Rex Tillerson'],
      ru: ['Sergei Lavrov'],
      status: 'planned',
      place: 'Manila',
    });
  });

  it('refuses habits: frequent meetings and calls by telephone only', () => {
    expect(read('John Kerry has met frequently with Sergei Lavrov.').events).toEqual([]);
    expect(read('Until now Putin and Trump only speak by telephone.').events).toEqual([]);
  });
});

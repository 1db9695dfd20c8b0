/** Articles with the events their text reports, for the event pages' tests (routes and Chromium). */
import type { StoredArticle } from '../../src/stages/store/article-store.js';
import type { DiplomaticEvent } from '../../src/stages/events/types.js';
import { article } from '../store/article-factory.js';

/** A day `days` after today (UTC), as YYYY-MM-DD: upcoming stays upcoming whenever the test runs. */
export const daysFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

export const MEETING: DiplomaticEvent = {
  type: 'meeting',
  status: 'held',
  us: ['Rex Tillerson'],
  ru: ['Sergei Lavrov'],
  initiator: null,
  place: 'Moscow',
  date: '2017-04-12',
  evidence: 'Tillerson met Lavrov in Moscow on Wednesday, talks both sides called "frank".',
};

export const KERRY: DiplomaticEvent = {
  type: 'meeting',
  status: 'held',
  us: ['John Kerry'],
  ru: ['Vladimir Putin'],
  initiator: null,
  place: 'Moscow',
  date: '2013-05-07',
  evidence: 'Kerry met Putin in the Kremlin on Tuesday <b>late into the night</b>.',
};

export const SANCTIONS: DiplomaticEvent = {
  type: 'sanctions',
  status: 'held',
  us: ['United States'],
  ru: ['Russia'],
  initiator: 'us',
  place: null,
  date: '2017-07-25',
  evidence: 'The House voted to impose new sanctions on Russia.',
};

/** A call planned a month ahead of today. */
export const PLANNED_CALL: DiplomaticEvent = {
  type: 'call',
  status: 'planned',
  us: ['Donald Trump'],
  ru: ['Vladimir Putin'],
  initiator: null,
  place: null,
  date: daysFromNow(30),
  evidence: 'Trump and Putin will speak by phone next month, the Kremlin said.',
};

export const EVENT_ARTICLES: StoredArticle[] = [
  article('m1', {
    title: 'Tillerson, Lavrov meet in Moscow',
    text: 'First text about the talks in Moscow between Tillerson and Lavrov.',
    site: 'reuters.com',
    url: 'https://reuters.example/m1',
    published: '2017-04-12T09:00:00.000Z',
    topics: ['meeting', 'syria'],
    events: [MEETING],
  }),
  article('m2', {
    title: 'Тиллерсон и Лавров провели переговоры',
    text: 'Второй текст о переговорах в Москве, совсем другой.',
    site: 'tass.ru',
    url: 'https://tass.example/m2',
    published: '2017-04-12T15:00:00.000Z',
    language: 'ru',
    topics: ['meeting'],
    events: [MEETING],
  }),
  article('k1', {
    title: 'Kerry and Putin talk late into the night',
    text: 'A text about Kerry in the Kremlin.',
    site: 'example.org',
    published: '2013-05-08T00:00:00.000Z',
    topics: ['meeting', 'syria'],
    events: [KERRY],
  }),
  article('s1', {
    title: 'House approves new Russia sanctions',
    text: 'A text about sanctions passed by the House.',
    site: 'reuters.com',
    published: '2017-07-25T00:00:00.000Z',
    storedAt: '2026-01-02T00:00:00.000Z',
    topics: ['sanctions'],
    events: [SANCTIONS],
  }),
  article('c1', {
    title: 'Trump to call Putin',
    text: 'A text about a call to come.',
    site: 'example.org',
    published: `${daysFromNow(-1)}T00:00:00.000Z`,
    topics: ['meeting'],
    events: [PLANNED_CALL],
  }),
];

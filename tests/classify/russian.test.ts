/** Russian articles: language, inflected names normalised to the canonical entities, relevance and topics. */
import { describe, expect, it } from 'vitest';
import { createClassifier } from '../../src/stages/classify/classifier.js';
import { detectLanguage } from '../../src/stages/classify/language.js';

const classifier = createClassifier();

/** Each name in the six cases (nominative, genitive, dative, accusative, instrumental, prepositional). */
const CASES: Array<[string, string[]]> = [
  ['Sergei Lavrov', ['Лавров', 'Лаврова', 'Лаврову', 'Лаврова', 'Лавровым', 'Лаврове']],
  ['Maria Zakharova', ['Захарова', 'Захаровой', 'Захаровой', 'Захарову', 'Захаровой', 'Захаровой']],
  ['Vladimir Putin', ['Путин', 'Путина', 'Путину', 'Путина', 'Путиным', 'Путине']],
  ['Donald Trump', ['Трамп', 'Трампа', 'Трампу', 'Трампа', 'Трампом', 'Трампе']],
  ['Mike Pompeo', ['Помпео', 'Помпео', 'Помпео', 'Помпео', 'Помпео', 'Помпео']],
  ['US State Department', ['Госдеп', 'Госдепа', 'Госдепу', 'Госдеп', 'Госдепом', 'Госдепе']],
  ['White House', ['Белый дом', 'Белого дома', 'Белому дому', 'Белый дом', 'Белым домом', 'Белом доме']],
  [
    'United States',
    [
      'Соединённые Штаты',
      'Соединенных Штатов',
      'Соединённым Штатам',
      'Соединенные Штаты',
      'Соединёнными Штатами',
      'Соединённых Штатах',
    ],
  ],
  [
    'Russian Foreign Ministry',
    ['МИД России', 'МИДа России', 'МИДу России', 'МИД России', 'МИДом России', 'МИДе России'],
  ],
  // the Kremlin speaking is the Russian state, as in English
  ['Russia', ['Кремль', 'Кремля', 'Кремлю', 'Кремль', 'Кремлём', 'России']],
];

const entitiesOf = (sentence: string) =>
  classifier
    .classify({
      title: '',
      text: `Об этом в понедельник сообщили журналистам. ${sentence} сделал заявление о переговорах.`,
    })
    .entities.map((e) => e.name);

const CALL = {
  title: 'Лавров и Помпео обсудили по телефону ситуацию в Сирии',
  text: `Министр иностранных дел России Сергей Лавров и госсекретарь США Майк Помпео провели телефонный разговор, сообщили в МИД России.
Стороны обсудили ситуацию в Сирии и перспективы продления Договора о СНВ. Лавров призвал американскую сторону отказаться от новых санкций.`,
};

const FOOTBALL = {
  title: 'Полузащитник перешёл в английский клуб',
  text: `Испанский полузащитник подписал контракт с лондонским клубом на четыре года, сообщила пресс-служба команды.
Сумма трансфера не разглашается. Футболист провёл за прежний клуб более ста матчей.`,
};

describe('language', () => {
  it('is detected from the text, Russian and English alike', () => {
    expect(detectLanguage(CALL.title, CALL.text)).toBe('ru');
    expect(
      detectLanguage(
        'Lavrov and Pompeo discuss Syria by phone',
        'The Russian and U.S. foreign ministers spoke on Monday about the war in Syria and the arms treaty.',
      ),
    ).toBe('en');
    expect(classifier.classify(CALL).language).toBe('ru');
  });

  it('skips an article in a language it does not read, saying why', () => {
    const c = classifier.classify({
      title: 'Le ministre russe rencontre son homologue américain',
      text: "Le ministre russe des Affaires étrangères a rencontré lundi le secrétaire d'État américain à Genève pour discuter de la Syrie et du traité sur les armes nucléaires.",
    });
    expect(c.language).toBe('fr');
    expect(c.relevant).toBe(false);
    expect(c.skipReason).toBe('language fr not supported');
    expect(c.evidence.relevance[0]!.rule).toBe('language fr not supported');
  });

  it('does not take Ukrainian, written in Cyrillic too, for Russian', () => {
    const c = classifier.classify({
      title: 'Україна і США',
      text: 'Міністр закордонних справ України зустрівся з державним секретарем США у Вашингтоні, де вони обговорили питання безпеки та підтримки України в умовах війни, повідомили в міністерстві.',
    });
    expect(c.skipReason).toBe('language uk not supported');
  });
});

describe('Russian names in every case normalise to the canonical entity', () => {
  for (const [name, forms] of CASES) {
    it(`${forms[0]} → ${name}`, () => {
      for (const form of forms) expect(entitiesOf(form), form).toContain(name);
    });
  }

  it('keeps a capital after a word of place as the place: "в Москве" is Moscow, "Москва заявила" Russia', () => {
    expect(entitiesOf('Делегация прибыла в Москве и')).toContain('Moscow');
    expect(entitiesOf('Москва')).toContain('Russia');
  });

  it('does not take a longer word for a name (Лавровский is not Lavrov)', () => {
    expect(entitiesOf('Лавровский')).not.toContain('Sergei Lavrov');
  });
});

describe('Russian relevance and topics', () => {
  it('takes a Lavrov–Pompeo call as relevant, tagged meeting, syria, arms-control and sanctions', () => {
    const c = classifier.classify(CALL);
    expect(c.relevant).toBe(true);
    expect(c.topics).toEqual(expect.arrayContaining(['meeting', 'syria', 'arms-control', 'sanctions']));
    expect(c.entities.map((e) => e.name)).toEqual(
      expect.arrayContaining(['Sergei Lavrov', 'Mike Pompeo', 'Russian Foreign Ministry']),
    );
    expect(c.evidence.topics.meeting!.some((e) => /разговор/.test(e.phrase))).toBe(true);
  });

  it('does not take Russian sports news for diplomacy', () => {
    const c = classifier.classify(FOOTBALL);
    expect(c.relevant).toBe(false);
    expect(c.topics).toEqual([]);
  });
});

describe('the Russian gazetteer entries', () => {
  it('names the entity and field of a Russian name that does not compile', async () => {
    const { validateGazetteer } = await import('../../src/stages/classify/gazetteer.js');
    const raw = {
      adjectives: { us: ['American'], russia: ['Russian'] },
      stateNouns: ['officials'],
      entities: [{ name: 'Sergei Lavrov', type: 'person', actor: 'russia', ru: ['(Лавров'] }],
    };
    expect(() => validateGazetteer(raw, 'g.yaml')).toThrow(
      /entity "Sergei Lavrov" ru\[0\]: "\(Лавров" does not compile/,
    );
  });
});

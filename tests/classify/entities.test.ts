import { describe, expect, it } from 'vitest';
import { createClassifier } from '../../src/stages/classify/classifier.js';

const classifier = createClassifier();
const entity = (text: string, name: string) =>
  classifier.classify({ title: '', text }).entities.find((e) => e.name === name);

describe('entity normalisation', () => {
  it('counts Kerry, John Kerry and Secretary of State Kerry as one person', () => {
    const text =
      'Secretary of State Kerry arrived on Monday. John Kerry said talks would be hard. Officials said Kerry would stay two days.';
    expect(entity(text, 'John Kerry')).toEqual({ name: 'John Kerry', type: 'person', mentions: 3 });
  });

  it('counts Lavrov, Sergei Lavrov and Sergey Lavrov as one person', () => {
    const text =
      'Sergey Lavrov met reporters. Foreign Minister Sergei Lavrov said no deal was near. Lavrov left at noon.';
    expect(entity(text, 'Sergei Lavrov')?.mentions).toBe(3);
  });

  it('reads the Kremlin and Moscow as Russia where they mean the state', () => {
    const c = classifier.classify({
      title: '',
      text: 'The Kremlin said on Friday it regretted the decision. Moscow will respond, a spokesman said.',
    });
    expect(c.entities.find((e) => e.name === 'Russia')?.mentions).toBe(2);
    expect(c.entities.find((e) => e.name === 'Moscow')).toBeUndefined();
  });

  it('keeps Moscow a place where the text means the city', () => {
    const c = classifier.classify({ title: '', text: 'The talks were held in Moscow on Tuesday.' });
    expect(c.entities).toContainEqual({ name: 'Moscow', type: 'place', mentions: 1 });
    expect(c.entities.find((e) => e.name === 'Russia')).toBeUndefined();
  });

  it('does not take another person with the same surname for a known official', () => {
    const c = classifier.classify({ title: '', text: 'The photograph was taken by Mladen Antonov for Reuters.' });
    expect(c.entities.find((e) => e.name === 'Anatoly Antonov')).toBeUndefined();
  });

  it('types organisations and international bodies', () => {
    const c = classifier.classify({
      title: '',
      text: 'The U.N. Security Council met as NATO and the State Department issued statements.',
    });
    expect(c.entities).toEqual(
      expect.arrayContaining([
        { name: 'UN Security Council', type: 'organization', mentions: 1 },
        { name: 'NATO', type: 'organization', mentions: 1 },
        { name: 'US State Department', type: 'organization', mentions: 1 },
      ]),
    );
  });

  it('finds a person missing from the gazetteer after a role word, counting the bare surname too', () => {
    const c = classifier.classify({
      title: '',
      text: 'Russian lawyer Natalia Veselnitskaya met the delegation. Veselnitskaya said the talks were useful.',
    });
    expect(c.entities).toContainEqual({ name: 'Natalia Veselnitskaya', type: 'person', mentions: 2 });
  });

  it('does not take an institution after a role word for a person', () => {
    const c = classifier.classify({ title: '', text: 'He spoke to the Republican National Committee on Monday.' });
    expect(c.entities.filter((e) => e.type === 'person')).toEqual([]);
  });
});

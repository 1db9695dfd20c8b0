/**
 * The failures the classifier showed on news it was never tuned on (issue: relevance and topics
 * that hold on unseen news), written as new articles in the same shapes.
 */
import { describe, expect, it } from 'vitest';
import { createClassifier } from '../../src/stages/classify/classifier.js';
import { validateModel } from '../../src/stages/classify/model-file.js';

const classifier = createClassifier();

const PANEL = {
  title: 'Joint panel to review seized diplomatic compounds',
  text: `WASHINGTON (Reuters) - U.S. Secretary of State Rex Tillerson and Russian Foreign Minister Sergei Lavrov agreed on Friday to set up a joint panel to review the diplomatic compounds seized last year, the State Department said.
The panel of officials from both governments will meet in Geneva next month.`,
};

const HACKER_IN_COURT = {
  title: 'Russian hacker pleads not guilty in U.S. court',
  text: `NEW YORK (Reuters) - A Russian man accused of running a botnet pleaded not guilty in a Manhattan federal court on Monday, his lawyer said.
Prosecutors said the hacker stole banking credentials from thousands of Americans. He was arrested in Spain at the request of U.S. authorities.`,
};

const VETO = {
  title: 'U.N. council fails to renew Syria chemical arms inquiry after Russian veto',
  text: `UNITED NATIONS (Reuters) - Russia vetoed a U.S.-drafted resolution on Thursday to renew an international inquiry into chemical weapons attacks in Syria, and U.S. Ambassador Nikki Haley accused Moscow of protecting the Assad government.
The United States said it would put forward a new draft.`,
};

const CAMPAIGN_ADVISER = {
  title: 'Former Trump campaign adviser to meet businessmen in Moscow',
  text: `MOSCOW (Reuters) - A former Trump campaign adviser will meet Russian businessmen and politicians in Moscow next week, RIA news agency reported on Tuesday.
The former campaign aide said he was travelling as a private citizen.`,
};

const MANAFORT_LOBBYING = {
  title: 'Lobbyist drafted Ukraine op-ed for former client, prosecutors say',
  text: `WASHINGTON (Reuters) - A U.S. lobbyist drafted an op-ed about his Ukraine work with a colleague in Kiev, prosecutors said on Friday.
The filing concerns payments from a Ukrainian party he advised years ago.`,
};

describe('relevance on unseen news', () => {
  it('does not depend on the headline naming the sides: the lead says who acts', () => {
    const c = classifier.classify(PANEL);
    expect(c.relevant).toBe(true);
    expect(c.topics).toContain('diplomatic-missions');
  });

  it('does not take a Russian private person in a US court for diplomacy', () => {
    expect(classifier.classify(HACKER_IN_COURT).relevant).toBe(false);
  });

  it('takes a clash at the UN (a Russian veto of a US draft) as relevant, not as a domestic inquiry', () => {
    const c = classifier.classify(VETO);
    expect(c.relevant).toBe(true);
    expect(c.evidence.relevance.some((e) => e.rule === 'domestic-story cue')).toBe(false);
    expect(c.topics).toEqual(expect.arrayContaining(['syria', 'chemical-weapons']));
  });

  it('does not take a campaign adviser visiting Moscow for the US state meeting Russia', () => {
    const c = classifier.classify(CAMPAIGN_ADVISER);
    expect(c.relevant).toBe(false);
    expect(c.topics).not.toContain('meeting');
  });

  it('shows the phrases and weights behind the score', () => {
    const c = classifier.classify(PANEL);
    expect(c.evidence.relevance.length).toBeGreaterThan(0);
    for (const e of c.evidence.relevance) {
      expect(e.phrase.length).toBeGreaterThan(0);
      expect(typeof e.weight).toBe('number');
    }
  });
});

describe('topics on unseen news', () => {
  it('does not tag ukraine for lobbying work in Ukraine', () => {
    expect(classifier.classify(MANAFORT_LOBBYING).topics).not.toContain('ukraine');
  });
});

describe('the model file', () => {
  it('names the field of a bad weight', () => {
    expect(() => validateModel({ relevance: { bias: 0, weights: { titleBoth: 'high' } } }, 'm.json')).toThrow(
      /invalid classifier model m\.json:\n {2}relevance\.weights\.titleBoth: /,
    );
  });
});

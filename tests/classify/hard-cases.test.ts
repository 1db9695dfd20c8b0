import { describe, expect, it } from 'vitest';
import { createClassifier, DEFAULT_RELEVANCE_THRESHOLD } from '../../src/stages/classify/classifier.js';

const classifier = createClassifier();

const RUSSIA_TURKEY = {
  title: 'Putin and Erdogan agree to deepen cooperation on Syria at Sochi talks',
  text: `SOCHI, Russia (Reuters) - Russian President Vladimir Putin and Turkish President Tayyip Erdogan agreed on Monday to step up cooperation on Syria and to press ahead with a gas pipeline project, after four hours of talks in the Black Sea resort of Sochi.
Putin said Moscow and Ankara would coordinate closely on the de-escalation zones in Syria. Erdogan said Turkey would buy Russian S-400 air defence systems despite objections from its NATO allies.
The two leaders also discussed trade, which fell sharply after Turkey shot down a Russian warplane in 2015. Turkey has been at odds with the United States over Washington's support for Kurdish fighters in northern Syria.`,
};

const US_CHINA = {
  title: 'Trump presses Xi on trade, North Korea during Beijing visit',
  text: `BEIJING (Reuters) - U.S. President Donald Trump urged Chinese President Xi Jinping on Thursday to do more to rein in North Korea and to cut China's trade surplus with the United States.
Trump and Xi held talks in the Great Hall of the People, where they announced $250 billion of business deals. Secretary of State Rex Tillerson told reporters the two sides agreed to keep up pressure on Pyongyang.
Xi said China would open its financial sector further to foreign firms.`,
};

const US_DOMESTIC = {
  title: 'Senate passes tax overhaul in late-night vote',
  text: `WASHINGTON (Reuters) - The U.S. Senate passed a sweeping tax bill early on Saturday, handing President Donald Trump a long-sought legislative win.
The bill cuts the corporate tax rate to 20 percent and trims individual rates. Republican leader Mitch McConnell said the plan would boost wages.
Democrats said it would add $1.4 trillion to the federal deficit. Lawmakers had earlier spent the week on hearings ranging from the budget to the probe into Russian meddling in the election, before turning back to the tax vote.
The House must now reconcile its version with the Senate's before the bill goes to Trump.`,
};

const LAVROV_TILLERSON_CALL = {
  title: 'Lavrov, Tillerson discuss Syria ceasefire in phone call',
  text: `MOSCOW (Reuters) - Russian Foreign Minister Sergei Lavrov and U.S. Secretary of State Rex Tillerson discussed the ceasefire in southwestern Syria in a telephone call on Saturday, the Russian Foreign Ministry said.
The two ministers agreed to keep working on the de-escalation zone and on a political settlement, the ministry said. The State Department confirmed the call.`,
};

describe('relevance: who acts on whom', () => {
  it('does not take Russia–Turkey talks for US–Russia diplomacy', () => {
    const c = classifier.classify(RUSSIA_TURKEY);
    expect(c.relevant).toBe(false);
    expect(c.topics).not.toContain('meeting');
  });

  it('does not take US–China talks for US–Russia diplomacy', () => {
    const c = classifier.classify(US_CHINA);
    expect(c.relevant).toBe(false);
    expect(c.topics).toContain('north-korea');
    expect(c.topics).not.toContain('meeting');
  });

  it('does not take a US domestic story with Russia in passing for US–Russia diplomacy', () => {
    const c = classifier.classify(US_DOMESTIC);
    expect(c.relevant).toBe(false);
  });

  it('takes a Lavrov–Tillerson call as relevant, tagged meeting and syria', () => {
    const c = classifier.classify(LAVROV_TILLERSON_CALL);
    expect(c.relevant).toBe(true);
    expect(c.relevance).toBeGreaterThan(DEFAULT_RELEVANCE_THRESHOLD);
    expect(c.topics).toEqual(expect.arrayContaining(['meeting', 'syria']));
  });

  it('ranks the dealing above the passing mention', () => {
    expect(classifier.classify(LAVROV_TILLERSON_CALL).relevance).toBeGreaterThan(
      classifier.classify(US_DOMESTIC).relevance,
    );
  });
});

describe('evidence', () => {
  it('backs every topic and the relevance score with phrases and where they were found', () => {
    const c = classifier.classify(LAVROV_TILLERSON_CALL);
    expect(c.evidence.relevance.length).toBeGreaterThan(0);
    expect(c.evidence.relevance.map((e) => e.where)).toContain('title');
    for (const topic of c.topics) {
      const evidence = c.evidence.topics[topic]!;
      expect(evidence.length).toBeGreaterThan(0);
      for (const e of evidence) {
        expect(LAVROV_TILLERSON_CALL.title + LAVROV_TILLERSON_CALL.text).toContain(e.phrase);
        expect(['title', 'lead', 'body']).toContain(e.where);
      }
    }
    expect(Object.keys(c.evidence.topics).sort()).toEqual([...c.topics].sort());
  });

  it('weighs a topic word in the title above the same word deep in the body', () => {
    const filler = 'Officials gave no further details on the schedule of the talks. '.repeat(8);
    const inTitle = classifier.classify({
      title: 'Ministers weigh terrorist threat',
      text: `Ministers met on Monday. ${filler}`,
    });
    const deep = classifier.classify({
      title: 'Ministers meet',
      text: `Ministers met on Monday. ${filler}One called a rival a terrorist.`,
    });
    expect(inTitle.topics).toContain('terrorism');
    expect(deep.topics).not.toContain('terrorism');
  });

  it('does not tag iran for a bare "backed by Russia and Iran"', () => {
    const c = classifier.classify({
      title: 'Syrian army advances near Hama',
      text: 'The Syrian army, backed by Russia and Iran, advanced north of Hama on Sunday, a monitor said. Rebels said they had repelled the attack.',
    });
    expect(c.topics).toContain('syria');
    expect(c.topics).not.toContain('iran');
  });
});

describe('threshold and input robustness', () => {
  it('uses the configured relevance threshold', () => {
    const strict = createClassifier(undefined, { threshold: 1 });
    const lax = createClassifier(undefined, { threshold: 0 });
    expect(strict.classify(LAVROV_TILLERSON_CALL).relevant).toBe(false);
    expect(lax.classify(US_DOMESTIC).relevant).toBe(true);
    expect(() => createClassifier(undefined, { threshold: 2 })).toThrow(/threshold/);
  });

  it('reads a raw page whose title is boilerplate, taking the headline line as title', () => {
    const raw = {
      title: 'Skip to main content',
      text: `Skip to main content\n\n${LAVROV_TILLERSON_CALL.title}\n\n${LAVROV_TILLERSON_CALL.text}\n\nSubscribe to our newsletter`,
    };
    const c = classifier.classify(raw);
    expect(c.relevant).toBe(true);
    expect(
      c.evidence.relevance.some((e) => e.where === 'title' && LAVROV_TILLERSON_CALL.title.includes(e.phrase)),
    ).toBe(true);
  });

  it('copes with empty input', () => {
    const c = classifier.classify({ title: '', text: '' });
    expect(c.relevant).toBe(false);
    expect(c.topics).toEqual([]);
    expect(c.entities).toEqual([]);
  });
});

describe('cyber-election: interference that is not about elections', () => {
  it('does not tag military interference in a war as election interference', () => {
    const c = classifier.classify({
      title: 'Russia warns against outside interference in Syria',
      text: `MOSCOW (Reuters) - Russia's foreign ministry said on Monday that Israel's interference in the conflict in Syria risked a wider war, and called on all sides to respect the ceasefire.
The ministry said foreign powers should not interfere in the civil war and should back the Geneva talks.`,
    });
    expect(c.topics).toContain('syria');
    expect(c.topics).not.toContain('cyber-election');
  });

  it('still tags interference in an election', () => {
    const c = classifier.classify({
      title: 'U.S. intelligence says Russia interfered in the election',
      text: 'WASHINGTON (Reuters) - U.S. intelligence agencies concluded that Russia interfered in the 2016 presidential election through hacking and disinformation.',
    });
    expect(c.topics).toContain('cyber-election');
  });
});

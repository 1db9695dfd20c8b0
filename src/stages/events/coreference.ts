/**
 * People an article refers to without naming them in the sentence: by a role ("Russia's foreign
 * minister") or by a pronoun ("He met…") that stands for someone named just before.
 */
import { languageOf } from './language.js';
import type { EventSide, PersonMention } from './people.js';
import type { ArticleReading } from './reading.js';
import type { Lang } from './types.js';

/** Characters between a role and the name it introduces ("Foreign Minister Sergei Lavrov"). */
const ROLE_NAME_GAP = 3;
/** How many sentences back a pronoun's person is looked for ("He met…" after a sentence naming him). */
export const ANTECEDENT_SENTENCES = 3;

/**
 * "Russia's foreign minister", "the secretary of state": a role stands for the person of
 * events.yaml's `roles` who holds it and whom the article names elsewhere (coreference
 * within the article; a role whose holder the article never names stays the state).
 */
export function withRoles(reading: ArticleReading, found: PersonMention[], text: string, lang: Lang): PersonMention[] {
  const { rules, people } = reading.tools;
  let out = found;
  for (const role of rules.roles) {
    const matcher = role.pattern[lang];
    if (!matcher) continue;
    for (const m of matcher.all(text)) {
      const at = m.index + m[0].length;
      if (found.some((p) => p.start >= m.index && p.start - at <= ROLE_NAME_GAP)) continue; // "Foreign Minister Sergei Lavrov"
      if (!reading.articleNames) {
        reading.articleNames = new Map();
        for (const p of people.find(reading.articleText, languageOf(reading.articleText)))
          reading.articleNames.set(p.name, (reading.articleNames.get(p.name) ?? 0) + 1);
      }
      const counts = reading.articleNames;
      const name = role.people.filter((n) => counts.has(n)).sort((a, b) => counts.get(b)! - counts.get(a)!)[0];
      if (!name) continue;
      const side = role.side;
      out = [...out, { name, side, start: m.index, end: at, speaker: false }];
    }
  }
  return out === found ? found : out.sort((a, b) => a.start - b.start);
}

/** The last person of `side` named in the few sentences before sentence `orig`. */
export function antecedent(reading: ArticleReading, side: EventSide, orig: number, lang: Lang): string | null {
  for (let i = orig - 1; i >= Math.max(0, orig - ANTECEDENT_SENTENCES); i--) {
    const own = reading.tools.people
      .find(reading.sentences[i]!.text.replace(/\s+/g, ' '), lang)
      .filter((p) => p.side === side);
    const pick = own.filter((p) => !p.speaker).at(-1) ?? own.at(-1);
    if (pick) return pick.name;
  }
  return null;
}

/** The clean stage's vocabulary is data: a bad entry is refused at load, naming the entry. */
import { describe, expect, it } from 'vitest';
import { isNavigationLine } from '../../src/stages/clean/boilerplate-lines.js';
import { loadVocabulary, validateVocabulary, VocabularyError } from '../../src/stages/clean/vocabulary.js';

function errorOf(fn: () => unknown): VocabularyError {
  try {
    fn();
  } catch (err) {
    if (err instanceof VocabularyError) return err;
    throw err;
  }
  throw new Error('no error');
}

describe('the clean vocabulary', () => {
  const good = loadVocabulary();

  it('reads navigation phrases one per line as whole-line matches', () => {
    expect(isNavigationLine('Skip to main content')).toBe(true);
    expect(isNavigationLine('Back to top.')).toBe(true);
    expect(isNavigationLine('Home secretary resigns')).toBe(false);
  });

  it('refuses a phrase that is not a valid regular expression, naming it', () => {
    const bad = { ...good, navigation_phrases: [...good.navigation_phrases, 'read (more'] };
    const err = errorOf(() => validateVocabulary(bad, 'vocabulary.yaml'));
    expect(err.code).toBe('VOCABULARY_INVALID');
    expect(err.message).toMatch(/navigation_phrases\.\d+ \("read \(more"\): is not a valid regular expression/);
  });

  it('refuses a furniture word with a dash or capitals and a word listed twice', () => {
    expect(errorOf(() => validateVocabulary({ ...good, furniture_words: ['share-bar'] })).message).toMatch(
      /furniture_words\.0 \("share-bar"\)/,
    );
    expect(errorOf(() => validateVocabulary({ ...good, content_words: ['body', 'body'] })).message).toMatch(
      /content_words: holds an entry twice/,
    );
  });

  it('refuses an unknown list', () => {
    expect(errorOf(() => validateVocabulary({ ...good, colour_words: ['red'] })).message).toMatch(
      /colour_words|Unrecognized key/,
    );
  });
});

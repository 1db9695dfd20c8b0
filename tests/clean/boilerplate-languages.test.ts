/**
 * The boilerplate line families know the languages of vocabulary.yaml, not English only: picture
 * credits and source lines ("Foto: …", "Abbildung: …", "Fot. …") and figure captions ("Figure 2: …",
 * however long) are no text, and a comment count
 * heading ("3 Kommentare") opens the comment section, which ends the article; a line of a numeric
 * date and dateline words ("Aktualisiert am 17.01.2021") is a dateline.
 */
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/stages/clean/html-extractor.js';

const P = (i: number): string =>
  `<p>Absatz ${i}: Der Gemeinderat hat am Dienstag lange über den Haushalt gestritten, und am Ende, nach einer langen Debatte, beschloss er, die neue Bibliothek ein weiteres Jahr zu fördern.</p>`;

function page(middle: string, after = ''): string {
  return `<html><head><title>Bibliothek bleibt offen</title></head><body><article><h1>Bibliothek bleibt offen</h1>${P(1)}${P(2)}${middle}${P(3)}${P(4)}${after}</article></body></html>`;
}

describe('boilerplate lines in other languages than English', () => {
  it('drops picture credits and source lines, and keeps prose that starts with the same word', () => {
    const text = extractArticle(
      page(
        '<p>Foto: Jane Roe / dpa</p><div>Abbildung: Karte des Projektgebiets an der Aller</div><p>Fot. Jan Nowak / Agencja Gazeta</p>' +
          '<p>Bilder des Abends zeigen einen vollen Saal, in dem bis spät in die Nacht diskutiert wurde.</p>',
      ),
    ).text;
    expect(text).not.toContain('Jane Roe');
    expect(text).not.toContain('Karte des Projektgebiets');
    expect(text).not.toContain('Jan Nowak');
    expect(text).toContain('Bilder des Abends zeigen einen vollen Saal');
    expect(text).toContain('Absatz 4');
  });

  it('drops a long figure caption opened by a figure word and a colon, and keeps prose that mentions a figure', () => {
    const caption =
      'Abbildung: Vergleich auf dem Gletscher. Die gemessenen Schneehöhen (links) passen gut zu den beobachteten Schneefällen (rechts), wie der Bericht zeigt.';
    const text = extractArticle(
      page(
        `<p>${caption}</p><p>Figure 2: Font sizes of the axis titles</p>` +
          '<p>Abbildung 3 des Berichts zeigt, wie stark der Gletscher seit dem Jahr 2000 geschrumpft ist, und sie zeigt es deutlich.</p>',
      ),
    ).text;
    expect(text).not.toContain('Vergleich auf dem Gletscher');
    expect(text).not.toContain('Font sizes of the axis titles');
    expect(text).toContain('Abbildung 3 des Berichts zeigt');
    expect(text).toContain('Absatz 3');
  });

  it('ends the article at a comment count heading', () => {
    const text = extractArticle(
      page(
        '',
        '<h2>3 Kommentare</h2><p>Keine Kommentare bisher, aber die Debatte im Gemeinderat war lang, und die Bibliothek bleibt, zum Glück für alle Leser, offen.</p>',
      ),
    ).text;
    expect(text).toContain('Absatz 4');
    expect(text).not.toContain('Kommentare');
  });
});

describe('datelines in other languages than English', () => {
  it('drops a line of a numeric date and dateline words, and keeps a sentence with a date', () => {
    const text = extractArticle(
      page(
        '<p>Aktualisiert am 17.01.2021.</p><p>12.10.2015, 19:16 Uhr</p>' +
          '<p>Das nächste Treffen am 12.03.2022 soll klären, wie lange die Bibliothek sonntags öffnet.</p>',
      ),
    ).text;
    expect(text).not.toContain('Aktualisiert');
    expect(text).not.toContain('19:16');
    expect(text).toContain('Das nächste Treffen am 12.03.2022');
    expect(text).toContain('Absatz 4');
  });
});

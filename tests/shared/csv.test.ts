import { describe, expect, it } from 'vitest';
import { csvCell, csvRow, toCsv } from '../../src/shared/csv.js';

/** A minimal RFC 4180 reader, to check that what is written reads back as the same cells. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

describe('CSV export', () => {
  it('quotes commas, quotes and line breaks so the cells read back unchanged', () => {
    const cells = ['Lavrov, Sergei', 'He said "no"', 'two\nlines', 'Лавров и Тиллерсон', ''];
    expect(parseCsv(csvRow(cells))).toEqual([cells]);
    expect(csvRow(['a', 'b'])).toBe('a,b\r\n');
  });

  it('neutralises cells a spreadsheet would run as a formula', () => {
    for (const bad of ['=HYPERLINK("http://evil")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1']) {
      const cell = parseCsv(csvRow([bad]))[0]![0]!;
      expect(cell.startsWith("'"), bad).toBe(true);
      expect(cell.slice(1)).toBe(bad);
    }
    expect(csvCell('Moscow = capital')).toBe('Moscow = capital');
    expect(csvCell(0.5)).toBe('0.5');
    expect(csvCell(null)).toBe('');
  });

  it('writes a header and one record per row', () => {
    expect(
      parseCsv(
        toCsv(
          ['id', 'title'],
          [
            ['1', 'a'],
            ['2', 'b, c'],
          ],
        ),
      ),
    ).toEqual([
      ['id', 'title'],
      ['1', 'a'],
      ['2', 'b, c'],
    ]);
  });
});

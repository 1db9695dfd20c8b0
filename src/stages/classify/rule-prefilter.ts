/**
 * A cheap test that tells a RuleScanner pass it cannot match a text, so its big combined regex is
 * not run there. Each pass's regex source is read (conservatively) for the few letters every match
 * must begin with — its anchors: "sanction*" begins "san", "(Лавров|Лаврова)" begins "лав" — and a
 * text is indexed once by the letters at each place a word may start. A pass runs only on texts
 * that hold one of its anchors; where the source cannot be read (a rule starting with `\w`, `.`, a
 * range), the pass always runs. Outputs are unchanged: the test only skips scans that find nothing.
 */

/** Letters of an anchor: longer is more selective, but every word start indexes this many keys. */
const ANCHOR_LENGTH = 4;
/** A pass with more anchors than this is not worth a filter (and the source reading gives up). */
const MAX_ANCHORS = 400;
/** A character class with more members than this (lower-cased) is read as "anything". */
const MAX_CLASS = 6;
/** Texts whose index is kept (per word-boundary kind): an article's sentences, many times over. */
const CACHE_SIZE = 2048;
/** Characters that fold to a Latin or Cyrillic letter under a case-insensitive regex but do not lower-case to it. */
const ODD_FOLDS = /[\u017f\u212a\u212b\u1e9e\u1c80-\u1c8f]/;

/** е and ё are one letter to the Russian rules; keys and anchors alike use е. */
const fold = (s: string) => s.toLowerCase().replaceAll('ё', 'е');

interface Prefixes {
  /** Strings every match begins with; `open` ones may still grow, closed ones are complete. */
  items: Array<{ s: string; open: boolean }>;
}

class SourceReader {
  private i = 0;
  constructor(private readonly src: string) {}

  /** The anchors of the whole source, or null when some match may begin with anything. */
  read(): string[] | null {
    const p = this.alternation();
    if (!p || this.i !== this.src.length) return null;
    const out = new Set<string>();
    for (const { s } of p.items) {
      if (s === '') return null;
      out.add(s);
    }
    return out.size <= MAX_ANCHORS ? [...out] : null;
  }

  private alternation(): Prefixes | null {
    const items: Prefixes['items'] = [];
    for (;;) {
      const seq = this.sequence();
      if (!seq) return null;
      items.push(...seq.items);
      if (this.src[this.i] !== '|') return { items };
      this.i++;
    }
  }

  /** A run of atoms up to `|`, `)` or the end. */
  private sequence(): Prefixes | null {
    let cur: Prefixes['items'] = [{ s: '', open: true }];
    let stopped = false;
    while (this.i < this.src.length && this.src[this.i] !== '|' && this.src[this.i] !== ')') {
      const atom = this.atom();
      if (atom === undefined) return null; // unreadable syntax
      const q = this.quantifier();
      if (stopped) continue;
      if (atom === 'zero-width') continue;
      if (atom === null) {
        cur = cur.map((x) => ({ s: x.s, open: false }));
        stopped = true;
        continue;
      }
      let next = q === 'optional' ? [...atom.items, { s: '', open: true }] : atom.items;
      if (q === 'repeated') next = next.map((x) => ({ s: x.s, open: false }));
      const joined: Prefixes['items'] = [];
      for (const a of cur) {
        if (!a.open) joined.push(a);
        else for (const b of next) joined.push(this.cut(a.s + b.s, b.open));
      }
      cur = dedupe(joined);
      if (cur.length > MAX_ANCHORS) return null;
      if (cur.every((x) => !x.open)) stopped = true;
    }
    return { items: cur };
  }

  private cut(s: string, open: boolean): { s: string; open: boolean } {
    return s.length >= ANCHOR_LENGTH ? { s: s.slice(0, ANCHOR_LENGTH), open: false } : { s, open };
  }

  /** One atom: its prefixes, null for "anything", 'zero-width', or undefined when unreadable. */
  private atom(): Prefixes | null | 'zero-width' | undefined {
    const c = this.src[this.i]!;
    if (c === '(') {
      this.i++;
      let lookaround = false;
      if (this.src[this.i] === '?') {
        const rest = this.src.slice(this.i);
        if (rest.startsWith('?:')) this.i += 2;
        else if (/^\?<?[=!]/.test(rest)) {
          lookaround = true;
          this.i += rest[1] === '<' ? 3 : 2;
        } else if (/^\?<[A-Za-z_]\w*>/.test(rest)) this.i = this.src.indexOf('>', this.i) + 1;
        else return undefined;
      }
      const inner = this.alternation();
      if (this.src[this.i] !== ')') return undefined;
      this.i++;
      if (lookaround) return 'zero-width';
      return inner;
    }
    if (c === '[') return this.charClass();
    if (c === '\\') {
      const e = this.src[this.i + 1];
      if (e === undefined) return undefined;
      this.i += 2;
      if (e === 'b' || e === 'B') return 'zero-width';
      if (e === 'p' || e === 'P') {
        const close = this.src.indexOf('}', this.i);
        if (close < 0) return undefined;
        this.i = close + 1;
        return null;
      }
      if (e === 'u' || e === 'x' || e === 'c' || e === 'k' || /\d/.test(e)) return undefined;
      if (/[A-Za-z]/.test(e)) return null; // \w, \s, \d, \W, \S, \D, \n, \t …
      return literal(e);
    }
    if (c === '^' || c === '$') {
      this.i++;
      return 'zero-width';
    }
    if ('*+?{'.includes(c)) return undefined;
    this.i++;
    if (c === '.') return null;
    return literal(c);
  }

  private charClass(): Prefixes | null | undefined {
    const close = findClassEnd(this.src, this.i);
    if (close < 0) return undefined;
    const body = this.src.slice(this.i + 1, close);
    this.i = close + 1;
    if (body.startsWith('^') || body === '') return null;
    const members = new Set<string>();
    for (let k = 0; k < body.length; k++) {
      let ch = body[k]!;
      if (ch === '\\') {
        const e = body[++k];
        if (e === undefined || /[A-Za-z0-9]/.test(e)) return null;
        ch = e;
      } else if (ch === '-' && k > 0 && k < body.length - 1) return null; // a range
      members.add(fold(ch));
    }
    if (members.size > MAX_CLASS) return null;
    return { items: [...members].map((s) => ({ s, open: true })) };
  }

  private quantifier(): 'once' | 'optional' | 'repeated' | undefined {
    const c = this.src[this.i];
    let kind: 'once' | 'optional' | 'repeated' = 'once';
    if (c === '?' || c === '*') {
      this.i++;
      kind = 'optional';
    } else if (c === '+') {
      this.i++;
      kind = 'repeated';
    } else if (c === '{') {
      const m = /^\{(\d+)(,\d*)?\}/.exec(this.src.slice(this.i));
      if (!m) return undefined;
      this.i += m[0].length;
      const min = Number(m[1]);
      kind = min === 0 ? 'optional' : min === 1 && m[2] === undefined ? 'once' : 'repeated';
    }
    if (kind !== 'once' || c === '{') if (this.src[this.i] === '?') this.i++; // lazy
    return kind;
  }
}

function literal(c: string): Prefixes {
  return { items: [{ s: fold(c), open: true }] };
}

function findClassEnd(src: string, from: number): number {
  for (let k = from + 1; k < src.length; k++) {
    if (src[k] === '\\') k++;
    else if (src[k] === ']') return k;
  }
  return -1;
}

function dedupe(items: Prefixes['items']): Prefixes['items'] {
  const seen = new Map<string, { s: string; open: boolean }>();
  for (const x of items) {
    const key = `${x.open ? 'o' : 'c'}${x.s}`;
    if (!seen.has(key)) seen.set(key, x);
  }
  return [...seen.values()];
}

/** The anchors of a regex source (lower-case, ё as е), or null when a match may begin anywhere. */
export function anchorsOf(source: string): string[] | null {
  try {
    return new SourceReader(source).read();
  } catch {
    return null;
  }
}

/** A place a rule may start: not inside a word (the scanner's own look-behind, per kind). */
const EN_WORD = /[\w’']/;
const UNICODE_WORD = /[\p{L}\p{N}_]/u;
/** The same tests for ASCII characters, looked up rather than matched. */
const asciiTable = (word: RegExp) => Array.from({ length: 128 }, (_, c) => word.test(String.fromCharCode(c)));

/** Bits per character of a key: anchors use fewer than 127 distinct characters (Latin, Cyrillic, digits, marks). */
const CHAR_BITS = 7;
/** Character codes below this are looked up in a table; anchors' characters above it sit in a map. */
const TABLE_SIZE = 0x500;

/**
 * Anchors of every registered pass, per word-boundary kind, and each text's candidate passes. An
 * anchor is keyed as a number (its characters' small codes after a leading 1), so a text is indexed
 * without cutting strings.
 */
class Registry {
  private readonly byKey = new Map<number, number[]>();
  /** Each recent text's candidate passes; null once it has been asked for, before its index is built. */
  private readonly cache = new Map<string, Set<number> | null>();
  private next = 0;
  private readonly ascii: boolean[];
  /** Small code + 1 of each anchor character (0: in no anchor). */
  private readonly table = new Uint8Array(TABLE_SIZE);
  private readonly high = new Map<number, number>();
  private codes = 0;

  constructor(private readonly word: RegExp) {
    this.ascii = asciiTable(word);
  }

  private isWord(text: string, at: number): boolean {
    const c = text.charCodeAt(at);
    return c < 128 ? this.ascii[c]! : this.word.test(text[at]!);
  }

  private codeOf(c: number): number {
    return c < TABLE_SIZE ? this.table[c]! : (this.high.get(c) ?? 0);
  }

  private keyOf(anchor: string): number | null {
    let key = 1;
    for (let k = 0; k < anchor.length; k++) {
      const c = anchor.charCodeAt(k);
      let code = this.codeOf(c);
      if (code === 0) {
        if (this.codes + 1 >= 1 << CHAR_BITS) return null;
        code = ++this.codes;
        if (c < TABLE_SIZE) this.table[c] = code;
        else this.high.set(c, code);
      }
      key = key * (1 << CHAR_BITS) + code;
    }
    return key;
  }

  /** Registers a pass's anchors; null when they cannot be keyed (the pass then always runs). */
  register(anchors: string[]): number | null {
    const keys: number[] = [];
    for (const a of anchors) {
      const key = this.keyOf(a);
      if (key === null) return null;
      keys.push(key);
    }
    const id = this.next++;
    for (const key of keys) {
      const ids = this.byKey.get(key);
      if (ids) ids.push(id);
      else this.byKey.set(key, [id]);
    }
    this.cache.clear();
    return id;
  }

  /** The passes whose anchors the text holds at a word start; null when the text must be scanned by all. */
  candidates(text: string): Set<number> | null {
    let found = this.cache.get(text);
    if (found) return found;
    // A text scanned by one pass only (the event stage's sentences) would pay for an index it never
    // reuses: the first asking pass scans it in full, the second builds the index for the rest.
    if (found === undefined) {
      if (this.cache.size >= CACHE_SIZE) this.cache.clear();
      this.cache.set(text, null);
      return null;
    }
    const low = fold(text);
    // A letter that lower-cases to two (İ) would shift the offsets; such a text is scanned by all passes.
    if (low.length !== text.length || ODD_FOLDS.test(text)) return null;
    found = new Set<number>();
    for (let p = 0; p < low.length; p++) {
      let code = this.codeOf(low.charCodeAt(p));
      if (code === 0 || (p > 0 && this.isWord(text, p - 1))) continue;
      let key = 1;
      for (let n = 0; ;) {
        key = key * (1 << CHAR_BITS) + code;
        const ids = this.byKey.get(key);
        if (ids) for (const id of ids) found.add(id);
        if (++n === ANCHOR_LENGTH || p + n >= low.length) break;
        code = this.codeOf(low.charCodeAt(p + n));
        if (code === 0) break;
      }
    }
    this.cache.set(text, found);
    return found;
  }
}

const registries = { en: new Registry(EN_WORD), unicode: new Registry(UNICODE_WORD) };

/** A filter for one pass: `mayMatch(text)` is false only when the pass's regex cannot match there. */
export function passFilter(sources: string[], unicode: boolean): { mayMatch(text: string): boolean } {
  const anchors: string[] = [];
  for (const s of sources) {
    const a = anchorsOf(s);
    if (!a) return { mayMatch: () => true };
    anchors.push(...a);
  }
  const registry = unicode ? registries.unicode : registries.en;
  const id = registry.register([...new Set(anchors)]);
  if (id === null) return { mayMatch: () => true };
  return {
    mayMatch(text) {
      return registry.candidates(text)?.has(id) ?? true;
    },
  };
}

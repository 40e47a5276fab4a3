/**
 * The tiny pattern language of `match:` rules. Content never ships a regular expression: a
 * pattern is literal text plus four operators, compiled here into bounded pieces, so matching a
 * line costs O(line length × pattern length) whatever the pattern and the line are (no
 * backtracking blow-up is expressible).
 *
 *   text      literal, case-insensitive; a run of spaces matches any run of spaces/tabs
 *   *         any text (possibly none), within the line
 *   #         a number (1 to 20 digits)
 *   (a|b|c)   one of these alternatives: text, spaces and # only
 *   ^  $      at the very start / end: the line starts / ends here
 *   \x        the character x itself (\* \# \( \) \| \^ \$ \\)
 */

/** Longest pattern accepted: a `match:` quotes one line's telling part, not a paragraph. */
export const MAX_PATTERN_CHARS = 200;

export interface CompiledPattern {
  source: string;
  /** The pieces between `*` gaps, in order, each a regex of bounded width (anchors baked in). */
  pieces: RegExp[];
}

const REGEX_SPECIAL = /[.*+?^${}()|[\]\\]/g;
const escapeRegex = (s: string) => s.replace(REGEX_SPECIAL, '\\$&');
const SPACES = '[ \\t]{1,64}';
const NUMBER = '\\d{1,20}';

/** Literal text to regex source: spaces become a bounded run of blanks. */
function literal(text: string): string {
  return text
    .split(/ +/)
    .map(escapeRegex)
    .join(SPACES);
}

/** Compiles a pattern, or returns the reason it is not valid (what the content lint prints). */
export function compilePattern(source: unknown): CompiledPattern | { error: string } {
  if (typeof source !== 'string' || source.trim() === '') return { error: 'a pattern must be non-empty text' };
  if (source.length > MAX_PATTERN_CHARS) return { error: `a pattern must be at most ${MAX_PATTERN_CHARS} characters` };
  let rest = source;
  const anchorStart = rest.startsWith('^');
  if (anchorStart) rest = rest.slice(1);
  const anchorEnd = rest.endsWith('$') && !rest.endsWith('\\$');
  if (anchorEnd) rest = rest.slice(0, -1);

  const pieces: string[] = [];
  let piece = '';
  let text = '';
  const flushText = () => {
    piece += literal(text);
    text = '';
  };
  for (let i = 0; i < rest.length; i++) {
    const c = rest[i];
    if (c === '\\') {
      if (i + 1 >= rest.length) return { error: 'a pattern cannot end with a lone \\' };
      text += rest[++i];
    } else if (c === '*') {
      flushText();
      pieces.push(piece);
      piece = '';
    } else if (c === '#') {
      flushText();
      piece += NUMBER;
    } else if (c === '(') {
      const close = rest.indexOf(')', i);
      if (close === -1) return { error: `"(" at ${i + 1} has no ")"` };
      const inner = rest.slice(i + 1, close);
      if (/[\\*(^$]/.test(inner)) return { error: `inside (…) only text and # alternatives separated by | are allowed: "(${inner})"` };
      const options = inner.split('|');
      if (options.some((o) => o.trim() === '')) return { error: `an empty alternative in "(${inner})"` };
      flushText();
      piece += `(?:${options.map((o) => o.split('#').map(literal).join(NUMBER)).join('|')})`;
      i = close;
    } else if (c === ')' || c === '|') {
      return { error: `"${c}" at ${i + 1} is outside a (…) group (write \\${c} for the character)` };
    } else if (c === '^' || c === '$') {
      return { error: `"${c}" is only allowed at the very start (^) or end ($) (write \\${c} for the character)` };
    } else {
      text += c;
    }
  }
  flushText();
  pieces.push(piece);
  if (pieces.every((p) => p === '')) return { error: 'a pattern must contain some text, a # or a (…) group, not only *' };
  const last = pieces.length - 1;
  // Anchors are baked into the first/last piece; an empty piece (a leading or trailing *) is dropped.
  const sources = pieces
    .map((p, i) => (p === '' ? '' : `${i === 0 && anchorStart ? '^' : ''}(?:${p})${i === last && anchorEnd ? '$' : ''}`))
    .filter((p) => p !== '');
  try {
    return { source, pieces: sources.map((p) => new RegExp(p, 'giu')) };
  } catch (e) {
    return { error: `not a valid pattern: ${(e as Error).message}` };
  }
}

/**
 * Where the pattern matches in the line: [start, end) of the whole match, or null. Each piece is
 * taken at its leftmost place after the previous one (a `*` gap can always stretch), so the work
 * is one left-to-right scan per piece, each attempt bounded by the piece's width.
 */
export function matchPattern(p: CompiledPattern, line: string): [number, number] | null {
  let pos = 0;
  let start = -1;
  for (const re of p.pieces) {
    re.lastIndex = pos;
    const m = re.exec(line);
    if (!m) return null;
    if (start === -1) start = m.index;
    pos = m.index + m[0].length;
  }
  return [start, pos];
}

/**
 * Word stems for the two passes that compare words rather than exact templates (fuzzy.ts,
 * fragments.ts): a reader retyping a message changes its word forms (`times out`, `refuses`,
 * `for method 'publickey'`), which a stem absorbs.
 */

/**
 * Words that stand for "timed out" whatever their form (`timeout`, `timed`): one stem of their own,
 * so that `every time` (stem `tim`) never reads as a timeout.
 */
const COMPOUNDS: Record<string, string> = { timeout: 'timeout', timeouts: 'timeout', timed: 'timeout' };

/**
 * A crude suffix stem, applied to messages and queries alike, so that the forms people type
 * (`refuses the key`, `keeps closing`, `for method`) meet the form OpenSSH prints (`refused`,
 * `closed`, `for methods`). Both sides are cut the same way; where cutting merges words of different
 * meaning (`time` and `timed`), COMPOUNDS keeps them apart (`times out` is joined into `timeout`
 * before stemming, joinTimeout).
 */
export function stem(w: string): string {
  const c = COMPOUNDS[w];
  if (c) return c;
  if (w.length >= 5 && /(?:ies|ied)$/.test(w)) return w.slice(0, -3) + 'y';
  if (w.length >= 6 && w.endsWith('ing')) w = w.slice(0, -3);
  else if (w.length >= 5 && /(?:ed|es)$/.test(w)) w = w.slice(0, -2);
  else if (w.length >= 4 && w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1);
  return w.length >= 4 && w.endsWith('e') ? w.slice(0, -1) : w;
}


/** `times out`, `timing out`, `time-out`, `timed out`: one word, as people type it either way (`Connection time out`). */
export const joinTimeout = (s: string) => s.replace(/\btim(?:e|es|ed|ing)[ -]?out\b/gi, 'timeout');

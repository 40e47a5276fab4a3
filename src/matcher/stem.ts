/**
 * Word stems and the typo allowance for the passes that compare words rather than exact templates
 * (fuzzy.ts, fragments.ts, symptoms.ts): a reader retyping a message changes its word forms (`times
 * out`, `refuses`, `for method 'publickey'`), which a stem absorbs, and mistypes a few letters.
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

/**
 * `public key` and `publickey`, `host key` and `hostkey`: one word either way, as a key's kind is one
 * thing, and a host key's file (`ssh_host_ed25519_key`) is a host key; so are X11 forwarding however
 * typed (`X11 forwarding`, `X forwarding`, `xforwarding`) and the known_hosts file (`known hosts`),
 * whose `hosts` is no host name (`can't find host key in known_hosts`).
 */
export const joinCompounds = (s: string) =>
  s.replace(/\bssh_host_(?:rsa|dsa|ecdsa|ed25519)_key\b/gi, 'hostkey').replace(/\b(public|host)[ _-]key/gi, '$1key').replace(/\bx(?:11)?[ _-]?forwarding/gi, 'x11forwarding').replace(/\bknown[ _-]?hosts?\b/gi, 'knownhosts');

/** Whether the edit distance between `a` and `b` is at most `max` (gives up as soon as a row exceeds it). */
export function within(a: string, b: string, max: number): boolean {
  if (Math.abs(a.length - b.length) > max) return false;
  let prev = new Uint8Array(b.length + 1).map((_, j) => j);
  let cur = new Uint8Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1));
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return false;
    [prev, cur] = [cur, prev];
  }
  return prev[b.length] <= max;
}

/** Typos tolerated in a word: none below 5 letters, one up to 7, two from 8. */
export const typos = (w: string) => (w.length >= 8 ? 2 : w.length >= 5 ? 1 : 0);

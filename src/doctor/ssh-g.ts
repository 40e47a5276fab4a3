/**
 * Reads `ssh -G` output: the client's effective configuration for one destination, one
 * `keyword value` per line, keywords in lower case; some keywords (identityfile, certificatefile,
 * localforward…) repeat. Pure.
 */

/** The effective client settings for one destination. */
export interface EffectiveConfig {
  /** First value of a keyword, or null. */
  get(keyword: string): string | null;
  /** Every value of a repeated keyword, in order. */
  all(keyword: string): string[];
  /** A comma-separated list keyword (`kexalgorithms`…) split, or []. */
  list(keyword: string): string[];
}

export function parseSshG(text: string): EffectiveConfig {
  const values = new Map<string, string[]>();
  for (const raw of text.split('\n').slice(0, 5000)) {
    const line = raw.replace(/\r$/, '');
    const m = /^([a-z0-9]{1,64}) (.{0,8000})$/.exec(line);
    if (!m) continue;
    const list = values.get(m[1]!) ?? [];
    list.push(m[2]!);
    values.set(m[1]!, list);
  }
  return {
    get: (k) => values.get(k)?.[0] ?? null,
    all: (k) => values.get(k) ?? [],
    list: (k) => (values.get(k)?.[0] ?? '').split(',').filter(Boolean),
  };
}

/** ssh prints `none` for unset path-like options. */
export function unlessNone(v: string | null): string | null {
  return v === null || v === 'none' ? null : v;
}

/**
 * Expands what `ssh -G` leaves unexpanded in IdentityFile (`~`, `%d`, `%u`, `%h`, `%r`, `%p`, `%%`),
 * as ssh does when it loads the file. Unknown tokens are left as they are.
 */
export function expandPath(path: string, vars: { home: string; localUser: string; host: string; user: string; port: string }): string {
  const tilde = path === '~' ? vars.home : path.startsWith('~/') ? vars.home + path.slice(1) : path;
  return tilde.replace(/%([%dhurp])/g, (_, t: string) => ({ '%': '%', d: vars.home, u: vars.localUser, h: vars.host, r: vars.user, p: vars.port })[t]!);
}

/** The router version (src/catalog/router-version.ts): stable for the same router, new for any change to rules or ranking code. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readArticles, ROOT } from '../../src/catalog/load.ts';
import { computeRouterVersion, readMatcherSources, routerVersion } from '../../src/catalog/router-version.ts';
import { toRules } from '../../src/catalog/rules.ts';
import type { Rule } from '../../src/matcher/types.ts';

const rules = toRules(readArticles().articles);
const sources = readMatcherSources();
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
const version = (r: readonly Rule[] = rules, s: readonly string[] = sources, p = pkg.version) => computeRouterVersion(p, r, s);
const edited = (i: number, change: Partial<Rule>) => rules.map((r, j) => (j === i ? { ...r, ...change } : r));

describe('router version', () => {
  it('is <package version>+<8 hex>, and the Node helper reads this checkout', () => {
    expect(routerVersion(rules)).toMatch(new RegExp(`^${pkg.version.replace(/\./g, '\\.')}\\+[0-9a-f]{8}$`));
    expect(routerVersion(rules)).toBe(version());
    expect(sources.length).toBeGreaterThanOrEqual(5);
  });

  it('is stable: same rules and sources, same version (line endings do not count)', () => {
    expect(version(structuredClone(rules), [...sources])).toBe(version());
    expect(version(rules, sources.map((s) => s.replace(/\n/g, '\r\n')))).toBe(version());
  });

  it('changes when a rule changes', () => {
    const base = version();
    const first = rules[0];
    const changes: Rule[][] = [
      edited(0, { messages: [...first.messages, 'Some new wording {host}'] }),
      edited(0, { messages: first.messages.slice(1) }),
      edited(0, { outranks: [...first.outranks, rules[1].id] }),
      edited(0, { kind: first.kind === 'error' ? 'warning' : 'error' }),
      edited(0, { stageRank: first.stageRank + 1 }),
      [...rules].reverse(),
      rules.slice(1),
    ];
    const versions = changes.map((r) => version(r));
    for (const v of versions) expect(v).not.toBe(base);
    expect(new Set(versions).size).toBe(versions.length);
  });

  it('changes when the matching or ranking code or the package version changes', () => {
    const base = version();
    const bumpFirstDigit = (s: string) => s.replace(/\d/, (d) => String((Number(d) + 1) % 10));
    expect(version(rules, sources.map((s, i) => (i === 0 ? bumpFirstDigit(s) : s)))).not.toBe(base);
    expect(version(rules, sources.slice(1))).not.toBe(base);
    expect(version(rules, sources, '9.9.9')).toBe(`9.9.9+${base.split('+')[1]}`);
  });
});

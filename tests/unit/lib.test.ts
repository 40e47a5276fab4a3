/**
 * The library API (src/lib/index.ts), as a support tool calls it: the same answers as the
 * matcher on every paste fixture, with URLs and the router version; the checks by name; the
 * articles' Markdown by id or former id; and the hostile corpus through every function.
 */
import { describe, expect, it } from 'vitest';
import { OS_KEYS, OS_LABELS } from '../../src/catalog/os.ts';
import { routerVersion } from '../../src/catalog/router-version.ts';
import { loadCatalog } from '../../src/lib/catalog.ts';
import { articleMarkdown, articles, check, findArticle, redact, route, rules, type CheckKind } from '../../src/lib/index.ts';
import { packMarkdown, unpackMarkdown } from '../../src/lib/packed-markdown.ts';
import { createMatcher } from '../../src/matcher/index.ts';
import { HOSTILE, LIMIT } from '../fixtures/hostile/corpus.ts';
import { pasteFixtures } from '../fixtures/read.ts';

describe('route', () => {
  it('answers like the matcher on every paste fixture, with URLs and the router version', () => {
    const matcher = createMatcher(loadCatalog().rules);
    const version = routerVersion(rules());
    for (const f of pasteFixtures()) {
      const r = route(f.paste);
      const m = matcher.match(f.paste);
      expect(r.best?.id ?? null, f.rel).toBe(m.best?.id ?? null);
      expect(r.alternatives.map((a) => a.id), f.rel).toEqual(m.alternatives.map((a) => a.id));
      if (r.best) expect(r.best.url, f.rel).toBe(`http://localhost:4321/errors/${r.best.id}/`);
      expect(r.routerVersion).toBe(version);
    }
  });

  it('links to the given site and platform', () => {
    const r = route('ssh: connect to host db1 port 2222: Connection refused', { siteUrl: 'https://help.example.com/ssh', os: 'windows' });
    expect(r.best).toMatchObject({ id: 'connection-refused', url: 'https://help.example.com/ssh/errors/connection-refused/?os=windows', evidence: { line: 1 } });
    expect(() => route('x', { os: 'beos' as never })).toThrow(/unknown platform "beos": use one of ubuntu, rhel/);
  });
});

describe('check, articles, articleMarkdown', () => {
  it('runs each check by name and refuses an unknown one', () => {
    expect(check('log', 'debug1: Connecting to h [192.0.2.1] port 22.\ndebug1: connect to address 192.0.2.1 port 22: Connection refused').kind).toBe('debug-log');
    expect(check('perms', '-rw-r--r-- 1 bob bob 411 Jan  1 00:00 id_ed25519').findings.map((f) => f.rule)).toEqual(['private-key-too-open']);
    expect(check('sshd-config', 'PasswordAuthentication no\nAuthenticationMethods password', { user: 'bob' }).findings.length).toBeGreaterThan(0);
    expect(() => check('nope' as CheckKind, '')).toThrow(/unknown check "nope": use "log", "perms" or "sshd-config"/);
  });

  it('lists every article once, sorted, and finds one by a former id', () => {
    const ids = articles().map((a) => a.id);
    expect(ids).toEqual([...ids].sort((a, b) => a.localeCompare(b)));
    expect(new Set(ids).size).toBe(ids.length);
    expect(findArticle('ssh-exchange-identification')?.id).toBe('connection-closed-by-remote-host');
    expect(findArticle('no-such-article')).toBeNull();
  });

  it("gives an article's Markdown, for a platform or all of them, by id or former id", () => {
    const rhel = articleMarkdown('connection-refused', { os: 'rhel' })!;
    expect(rhel).toMatch(/^# Connection refused\n/);
    expect(rhel).toContain(`#### ${OS_LABELS.rhel}`);
    expect(rhel).not.toContain(`#### ${OS_LABELS.ubuntu}`);
    expect(articleMarkdown('connection-refused')).toContain(`#### ${OS_LABELS.ubuntu}`);
    expect(articleMarkdown('ssh-exchange-identification')).toBe(articleMarkdown('connection-closed-by-remote-host'));
    expect(articleMarkdown('no-such-article')).toBeNull();
    expect(() => articleMarkdown('connection-refused', { os: 'beos' as never })).toThrow(/unknown platform/);
  });
});

describe('packed Markdown (what the package embeds)', () => {
  it("unpacks every article's text for every platform exactly", () => {
    const catalog = loadCatalog();
    for (const { id } of catalog.articles.slice(0, 12)) {
      const all = catalog.markdown(id);
      const platforms = Object.fromEntries(OS_KEYS.map((os) => [os, catalog.markdown(id, os)])) as Record<(typeof OS_KEYS)[number], string>;
      const packed = packMarkdown(all, platforms);
      expect(unpackMarkdown(packed), id).toBe(all);
      for (const os of OS_KEYS) expect(unpackMarkdown(packed, os), `${id} ${os}`).toBe(platforms[os]);
      expect(JSON.stringify(packed).length, id).toBeLessThan((all.length + Object.values(platforms).join('').length) / 2);
    }
  });

  it('refuses a text that holds its marker', () => {
    expect(() => packMarkdown('a\uE000b', { ubuntu: '', rhel: '', cloud: '', macos: '', windows: '' })).toThrow(/U\+E000/);
  });
});

describe('hostile input through the library API', { timeout: 300_000 }, () => {
  it('route, check, redact and articleMarkdown answer every hostile paste without throwing', () => {
    const kinds: CheckKind[] = ['log', 'perms', 'sshd-config'];
    for (const h of HOSTILE) {
      const paste = h.text();
      const r = route(paste);
      expect(r.routerVersion, h.name).toMatch(/\S/);
      if (paste.length > LIMIT) expect(r.notice, h.name).toMatch(/over the 10 MB limit/);
      for (const kind of kinds) expect(Array.isArray(check(kind, paste).findings), `${h.name} ${kind}`).toBe(true);
      expect(typeof redact(paste).text, h.name).toBe('string');
      expect(articleMarkdown(paste.slice(0, 200)), h.name).toBeNull();
    }
  });
});

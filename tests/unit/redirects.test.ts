import { mkdtempSync, readFileSync, existsSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  hostRedirects,
  redirectPage,
  redirectSet,
  REDIRECT_SCRIPT_SOURCE,
  sitemapFilter,
  writeRedirects,
  type AliasSource,
} from '../../src/integrations/redirects.ts';
import { readArticles } from '../../src/catalog/load.ts';

const catalog: AliasSource[] = [
  { id: 'connection-refused', data: { title: 'Connection refused', aliases: [] } },
  { id: 'connection-closed-by-remote-host', data: { title: 'kex_exchange_identification: <closed> & "gone"', aliases: ['ssh-exchange-identification'] } },
  { id: 'too-many-auth-failures', data: { title: 'Too many authentication failures', aliases: ['too-many-failures', 'auth-failures'] } },
];

describe('redirectSet', () => {
  it('lists every alias with its old and new path, sorted', () => {
    expect(redirectSet(catalog)).toEqual([
      { alias: 'auth-failures', id: 'too-many-auth-failures', title: 'Too many authentication failures', from: '/errors/auth-failures/', to: '/errors/too-many-auth-failures/' },
      {
        alias: 'ssh-exchange-identification',
        id: 'connection-closed-by-remote-host',
        title: 'kex_exchange_identification: <closed> & "gone"',
        from: '/errors/ssh-exchange-identification/',
        to: '/errors/connection-closed-by-remote-host/',
      },
      { alias: 'too-many-failures', id: 'too-many-auth-failures', title: 'Too many authentication failures', from: '/errors/too-many-failures/', to: '/errors/too-many-auth-failures/' },
    ]);
  });

  it('puts the base path from SITE_URL in front of both paths', () => {
    for (const base of ['/ssh/', '/ssh', 'ssh/']) {
      const [r] = redirectSet(catalog, base);
      expect(r.from).toBe('/ssh/errors/auth-failures/');
      expect(r.to).toBe('/ssh/errors/too-many-auth-failures/');
    }
  });

  it('is empty for a catalog without aliases', () => {
    expect(redirectSet([{ id: 'a-b', data: { title: 'x' } }])).toEqual([]);
    expect(hostRedirects([])).toBe('');
  });

  it('refuses an alias that is a live id, or one claimed twice', () => {
    expect(() => redirectSet([...catalog, { id: 'x-y', data: { title: 'x', aliases: ['connection-refused'] } }])).toThrow(/live article/);
    expect(() => redirectSet([...catalog, { id: 'x-y', data: { title: 'x', aliases: ['auth-failures'] } }])).toThrow(/claimed by both/);
    expect(() => redirectSet([{ id: 'x-y', data: { title: 'x', aliases: ['../etc'] } }])).toThrow(/not a valid id/);
  });
});

describe('redirectPage', () => {
  const [, r] = redirectSet(catalog, '/ssh/');
  const html = redirectPage(r, { site: 'https://help.example.com', base: '/ssh/' });

  it('forwards with the external script, keeping query and fragment', () => {
    expect(html).toContain('data-redirect="/ssh/errors/connection-closed-by-remote-host/"');
    expect(html).toContain('<script src="/ssh/redirect.js"></script>');
    expect(html).not.toMatch(/<script>(?!<\/script>)/); // no inline script: a strict CSP allows it
    expect(REDIRECT_SCRIPT_SOURCE).toContain('location.replace(to + location.search + location.hash)');
  });

  it('has a no-JS fallback: meta refresh and a visible link', () => {
    expect(html).toContain('<noscript><meta http-equiv="refresh" content="0; url=/ssh/errors/connection-closed-by-remote-host/"></noscript>');
    expect(html).toContain('<a href="/ssh/errors/connection-closed-by-remote-host/">');
  });

  it('is noindex with an absolute canonical link to the new address', () => {
    expect(html).toContain('<meta name="robots" content="noindex">');
    expect(html).toContain('<link rel="canonical" href="https://help.example.com/ssh/errors/connection-closed-by-remote-host/">');
  });

  it('escapes the title', () => {
    expect(html).toContain('kex_exchange_identification: &lt;closed&gt; &amp; &quot;gone&quot;');
    expect(html).not.toContain('<closed>');
  });
});

describe('hostRedirects', () => {
  it('writes the exact path, the slash-less path and a splat, each a 301, under the base', () => {
    const map = hostRedirects(redirectSet(catalog, '/ssh/'));
    const lines = map.split('\n').filter((l) => l && !l.startsWith('#'));
    expect(lines).toContain('/ssh/errors/ssh-exchange-identification/ /ssh/errors/connection-closed-by-remote-host/ 301');
    expect(lines).toContain('/ssh/errors/ssh-exchange-identification /ssh/errors/connection-closed-by-remote-host/ 301');
    expect(lines).toContain('/ssh/errors/ssh-exchange-identification/* /ssh/errors/connection-closed-by-remote-host/:splat 301');
    expect(lines).toHaveLength(9);
    // Netlify and Cloudflare take the first rule that matches: the exact paths come before the splat.
    const i = lines.findIndex((l) => l.startsWith('/ssh/errors/ssh-exchange-identification/*'));
    expect(lines.findIndex((l) => l.startsWith('/ssh/errors/ssh-exchange-identification/ '))).toBeLessThan(i);
  });
});

describe('writeRedirects', () => {
  it('writes the pages, the script and appends to an existing _redirects', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sshfix-redirects-'));
    writeFileSync(join(dir, '_redirects'), '/old-home / 301\n');
    writeRedirects(dir, redirectSet(catalog, '/ssh/'), { site: 'https://help.example.com', base: '/ssh/' });
    // dist/ has no base folder: /ssh/errors/x/ is dist/errors/x/index.html.
    expect(existsSync(join(dir, 'errors/ssh-exchange-identification/index.html'))).toBe(true);
    expect(existsSync(join(dir, 'errors/too-many-failures/index.html'))).toBe(true);
    expect(readFileSync(join(dir, 'redirect.js'), 'utf8')).toBe(REDIRECT_SCRIPT_SOURCE);
    const map = readFileSync(join(dir, '_redirects'), 'utf8');
    expect(map.startsWith('/old-home / 301\n\n# Former article ids')).toBe(true);
  });

  it('never overwrites a built page', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sshfix-redirects-'));
    mkdirSync(join(dir, 'errors/auth-failures'), { recursive: true });
    writeFileSync(join(dir, 'errors/auth-failures/index.html'), 'live');
    expect(() => writeRedirects(dir, redirectSet(catalog), { site: 'https://x.test' })).toThrow(/overwrite/);
  });
});

describe('sitemapFilter', () => {
  const keep = sitemapFilter(catalog);
  it('drops alias pages, 404 and /embed/, keeps articles and the home page', () => {
    expect(keep('https://help.example.com/ssh/errors/ssh-exchange-identification/')).toBe(false);
    expect(keep('https://help.example.com/ssh/404/')).toBe(false);
    expect(keep('https://help.example.com/ssh/embed/')).toBe(false);
    expect(keep('https://help.example.com/ssh/errors/connection-closed-by-remote-host/')).toBe(true);
    expect(keep('https://help.example.com/ssh/')).toBe(true);
  });
});

describe('the real catalog', () => {
  it('keeps the pre-8.0 name of kex_exchange_identification alive as an alias', () => {
    // OpenSSH < 8.0 printed ssh_exchange_identification: (sshconnect.c); 8.0 moved it to kex.c.
    const set = redirectSet(readArticles().articles);
    expect(set).toContainEqual(
      expect.objectContaining({ alias: 'ssh-exchange-identification', id: 'connection-closed-by-remote-host', from: '/errors/ssh-exchange-identification/' }),
    );
  });
});

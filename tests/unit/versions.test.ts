import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { judgeCause } from '../../src/versions/applies.ts';
import { causeVersionsByArticle } from '../../src/versions/causes.ts';
import { versionHint } from '../../src/versions/hint.ts';
import { pasteVersions } from '../../src/versions/paste.ts';
import { describeSide, parseSideParam, sideParam } from '../../src/versions/reader.ts';
import { itemHolds, itemLabel, parseVersionSpec, type VersionItem } from '../../src/versions/spec.ts';

const PASTES = 'tests/fixtures/pastes';
const fixture = (path: string) => readFileSync(join(PASTES, path), 'utf8');

function items(value: string): VersionItem[] {
  const r = parseVersionSpec(value);
  if (!r.ok) throw new Error(r.error);
  return r.items;
}

describe('version label syntax', () => {
  it('reads products, operators, ranges and both separators', () => {
    expect(items('openssh>=8.8; rhel=9, openssh=8.5-9.8 ;ubuntu < 22.10').map(itemLabel)).toEqual([
      'OpenSSH ≥ 8.8',
      'RHEL 9',
      'OpenSSH 8.5–9.8',
      'Ubuntu < 22.10',
    ]);
    expect(items('windows-openssh>=8.8').map(itemLabel)).toEqual(['Windows OpenSSH ≥ 8.8']);
    expect(items('putty>=0.75').map(itemLabel)).toEqual(['PuTTY ≥ 0.75']);
    expect(items('server:openssh>=8.8; client : openssh<7.8').map(itemLabel)).toEqual(['OpenSSH ≥ 8.8 on the server', 'OpenSSH < 7.8 on the client']);
  });

  it('rejects malformed values with a message quoting the item', () => {
    const bad = (value: string) => {
      const r = parseVersionSpec(value);
      return r.ok ? 'accepted' : r.error;
    };
    expect(bad('')).toBe('is empty');
    expect(bad('openssh 8.8')).toMatch(/"openssh 8.8" is not "product op version"/);
    expect(bad('openssl>=3')).toMatch(/"openssl" is not one of openssh, ubuntu/);
    expect(bad('openssh>=8.8;')).toMatch(/"" is not/);
    expect(bad('openssh=>8.8')).toMatch(/not "product op version"/);
    expect(bad('openssh>=9.8-8.5')).toMatch(/a range is written with "="/);
    expect(bad('openssh=9.8-8.5')).toMatch(/runs backwards/);
    expect(bad('OpenSSH>=8.8')).toMatch(/not "product op version"/);
    expect(bad('remote:openssh>=8.8')).toMatch(/not "product op version", optionally after "client:" or "server:"/);
    expect(bad('openssh>=<script>')).toMatch(/not "product op version"/);
    expect(bad(`openssh>=8.8;${'x'.repeat(300)}`)).toMatch(/longer than 200/);
  });

  it('compares at the precision of the bound', () => {
    const [ge] = items('openssh>=8.8');
    expect(itemHolds(ge, '8.8')).toBe(true);
    expect(itemHolds(ge, '8.10')).toBe(true);
    expect(itemHolds(ge, '8.7')).toBe(false);
    expect(itemHolds(ge, '10.0')).toBe(true);
    const [range] = items('openssh=8.5-9.8');
    expect(['8.4', '8.5', '9.2', '9.8', '9.9'].map((v) => itemHolds(range, v))).toEqual([false, true, true, true, false]);
    const [eq] = items('rhel=9');
    expect(itemHolds(eq, '9')).toBe(true);
    expect(itemHolds(eq, '8')).toBe(false);
    const [ubuntu] = items('ubuntu>=22.10');
    expect(itemHolds(ubuntu, '22.04')).toBe(false);
    expect(itemHolds(ubuntu, '24.04')).toBe(true);
  });
});

describe('versions in a paste', () => {
  it('reads the client and the server of a captured -v log (Debian 12 both sides)', () => {
    const v = pasteVersions(fixture('account-not-available/captured-nologin-shell-v.txt'));
    expect(v.client).toEqual({ ssh: { product: 'openssh', version: '9.2' }, os: { product: 'debian', release: '12' } });
    expect(v.server).toEqual({ ssh: { product: 'openssh', version: '9.2' }, os: { product: 'debian', release: '12' } });
  });

  it('reads Windows OpenSSH, macOS LibreSSL builds and PuTTY from real pastes', () => {
    expect(pasteVersions(fixture('azure-ssh-failed/vmss-aad-denied.txt')).client).toEqual({ ssh: { product: 'windows-openssh', version: '8.1' } });
    const mac = pasteVersions(fixture('no-mutual-signature/ssh-verbose-pubkey-test.txt'));
    expect(mac.client).toEqual({ ssh: { product: 'openssh', version: '9.8' }, os: { product: 'macos' } });
    // dropbear is not a product the labels know: no server version rather than a wrong one.
    expect(mac.server).toBeUndefined();
    expect(pasteVersions(fixture('connection-timed-out/putty-event-log.txt')).client).toEqual({ ssh: { product: 'putty', version: '0.81' } });
  });

  it('tells Ubuntu and RHEL releases from package suffixes and banners', () => {
    const ubuntu = pasteVersions('OpenSSH_8.9p1 Ubuntu-3ubuntu0.10, OpenSSL 3.0.2 15 Mar 2022\ndebug1: Remote protocol version 2.0, remote software version OpenSSH_9.6p1 Ubuntu-3ubuntu13.5');
    expect(describeSide(ubuntu.client!)).toBe('OpenSSH 8.9 (Ubuntu 22.04)');
    expect(describeSide(ubuntu.server!)).toBe('OpenSSH 9.6 (Ubuntu 24.04)');
    const rhel = pasteVersions('debug1: Remote protocol version 2.0, remote software version OpenSSH_7.4');
    expect(describeSide(rhel.server!)).toBe('OpenSSH 7.4 (probably RHEL 7)');
    expect(describeSide(pasteVersions('SSH-2.0-OpenSSH_8.0').server!)).toBe('OpenSSH 8.0 (probably RHEL 8)');
    expect(describeSide(pasteVersions('SSH-2.0-OpenSSH_9.9').server!)).toBe('OpenSSH 9.9');
    expect(pasteVersions('OpenSSH_for_Windows_9.5p2, LibreSSL 3.8.2').client).toEqual({ ssh: { product: 'windows-openssh', version: '9.5' } });
    expect(describeSide(pasteVersions('OpenSSH_9.2p1 Debian-2+deb12u3, OpenSSL 3.0.15 3 Sep 2024').client!)).toBe('OpenSSH 9.2 (Debian 12)');
  });

  it('ignores junk, HTML and huge input', () => {
    expect(pasteVersions('<script>alert(1)</script>\nOpenSSH_<b>9.2</b>')).toEqual({});
    expect(pasteVersions('\u0000\u0001binary'.repeat(10_000))).toEqual({});
    const huge = `${'x'.repeat(2_000_000)}\nSSH-2.0-OpenSSH_8.0`;
    const started = Date.now();
    expect(pasteVersions(huge).server?.ssh).toEqual({ product: 'openssh', version: '8.0' });
    expect(pasteVersions(`${'x'.repeat(2_000_000)} SSH-2.0-OpenSSH_8.0`)).toEqual({});
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('which causes apply', () => {
  const reader = pasteVersions('OpenSSH_9.2p1 Debian-2+deb12u10, OpenSSL 3.0.15\ndebug1: Remote protocol version 2.0, remote software version OpenSSH_7.4');

  it('judges against the side where the fix runs', () => {
    expect(judgeCause(items('openssh>=8.8'), 'client', reader)).toBe('applies');
    expect(judgeCause(items('openssh>=8.8'), 'server', reader)).toBe('not');
    expect(judgeCause(items('openssh>=8.8'), 'both', reader)).toBe('applies');
    expect(judgeCause(items('openssh>=9.5'), 'both', reader)).toBe('not');
    expect(judgeCause(items('rhel=7'), 'server', reader)).toBe('applies');
    expect(judgeCause(items('macos>=15'), 'client', reader)).toBe('unknown');
    expect(judgeCause(items('openssh>=8.8'), 'client', {})).toBe('unknown');
  });

  it('an item for one side is judged only against that side, whatever side the article has', () => {
    // A new server refusing an old client's SHA-1 signatures: the server >= 8.8, or the client < 7.8.
    const sha1 = items('server:openssh>=8.8; client:openssh<7.8');
    expect(judgeCause(sha1, 'both', pasteVersions('OpenSSH_7.1p2, OpenSSL 1.0.2g  1 Mar 2016'))).toBe('applies');
    expect(judgeCause(sha1, 'both', pasteVersions('OpenSSH_9.6p1 Ubuntu-3ubuntu13.5, OpenSSL 3.0.13 30 Jan 2024'))).toBe('not');
    expect(judgeCause(sha1, 'both', pasteVersions('debug1: Remote protocol version 2.0, remote software version OpenSSH_7.4'))).toBe('not');
    expect(judgeCause(sha1, 'both', reader)).toBe('not');
    expect(judgeCause(items('server:openssh>=7.0'), 'client', reader)).toBe('applies');
  });

  it('words the answer card hint and its article query', () => {
    const article = {
      side: 'client' as const,
      causes: [
        { id: 'a', title: 'Refuses SHA-1', versions: 'openssh>=8.8' },
        { id: 'b', title: 'Debian 12 default', versions: 'debian>=12' },
        { id: 'c', title: 'Banner-stage close', versions: 'openssh>=9.5' },
      ],
    };
    const hint = versionHint(reader, article)!;
    expect(hint.versions).toBe('Your client is OpenSSH 9.2 (Debian 12); the server is OpenSSH 7.4 (probably RHEL 7).');
    expect(hint.verdicts).toBe('“Refuses SHA-1” and “Debian 12 default” apply; “Banner-stage close” needs OpenSSH ≥ 9.5.');
    expect(hint.query).toBe('client=openssh-9.2%2Cdebian-12&server=openssh-7.4%2Crhel-7');
    expect(versionHint({}, article)).toBeNull();
    expect(versionHint(reader, undefined)).toBeNull();
  });

  it('carries versions through the URL and refuses malformed parameters', () => {
    const back = parseSideParam(sideParam(reader.client!));
    expect(back).toEqual({ ssh: { product: 'openssh', version: '9.2' }, os: { product: 'debian', release: '12' } });
    expect(parseSideParam('windows-openssh-8.1')).toEqual({ ssh: { product: 'windows-openssh', version: '8.1' } });
    for (const bad of ['', 'openssh', 'ubuntu-22.04', 'openssh-9.x', 'evil-1.0', '<script>', 'openssh-9.2,'.repeat(20)]) {
      expect(parseSideParam(bad)).toBeUndefined();
    }
  });

  it('collects version-bound causes from article bodies', () => {
    const body = '<Cause id="x" title="X" versions="openssh>=8.8">\n\n</Cause>\n<Cause id="y" title="Y">\n</Cause>';
    const data = { side: 'server' } as Parameters<typeof causeVersionsByArticle>[0][number]['data'];
    expect(causeVersionsByArticle([{ id: 'art', data, body }, { id: 'none', data, body: '<Cause id="z" title="Z">' }])).toEqual({
      art: { side: 'server', causes: [{ id: 'x', title: 'X', versions: 'openssh>=8.8' }] },
    });
  });
});

import { describe, expect, it } from 'vitest';
import { analyzeLog } from '../../src/checks/log-timeline.ts';
import { fixture } from '../fixtures/checks/fixtures.ts';

const statuses = (t: ReturnType<typeof analyzeLog>) => Object.fromEntries(t.stages.map((s) => [s.stage, s.status]));

describe('analyzeLog on real OpenSSH 9.2p1 logs', () => {
  it('success -vvv: every stage ok, versions, algorithms, key accepted', () => {
    const t = analyzeLog(fixture('logs', 'success-vvv.txt'));
    expect(t.recognised).toBe(true);
    expect(t.verbosity).toBe(3);
    expect(t.clientVersion).toBe('SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u10');
    expect(t.serverVersion).toBe('OpenSSH_9.2p1 Debian-2+deb12u10');
    expect(t.target).toEqual({ host: '127.0.0.1', address: '127.0.0.1', port: '2299' });
    expect(t.user).toBe('root');
    expect(t.negotiated.kex).toBe('sntrup761x25519-sha512');
    expect(t.negotiated.hostKeyAlgorithm).toBe('ssh-ed25519');
    expect(t.negotiated.serverToClient).toEqual({ cipher: 'chacha20-poly1305@openssh.com', mac: '<implicit>', compression: 'none' });
    expect(t.serverHostKey?.fingerprint).toBe('SHA256:jXq+gE22AmwS1tNecB3wz/ouatwhVbBF0Y+iBWyj1FU');
    expect(t.hostKeyStatus).toBe('added');
    expect(t.keys).toHaveLength(1);
    expect(t.keys[0]).toMatchObject({ source: 'client_good', type: 'ED25519', how: 'offered', result: 'accepted', flags: ['explicit'] });
    expect(t.authMethods).toEqual(['publickey']);
    expect(t.authenticated?.method).toBe('publickey');
    expect(t.failure).toBeNull();
    expect(Object.values(statuses(t)).every((s) => s === 'ok')).toBe(true);
    expect(t.findings).toEqual([]);
  });

  it('success -v gives the same journey with fewer lines', () => {
    const t = analyzeLog(fixture('logs', 'success-v.txt'));
    expect(t.verbosity).toBe(1);
    expect(t.hostKeyStatus).toBe('known');
    expect(t.authenticated?.method).toBe('publickey');
    expect(statuses(t).session).toBe('ok');
  });

  it('wrong key: auth failed, the offered key rejected, finding links permission-denied-publickey', () => {
    const text = fixture('logs', 'publickey-denied-vvv.txt');
    const t = analyzeLog(text);
    expect(statuses(t)).toMatchObject({ connect: 'ok', banner: 'ok', kex: 'ok', hostkey: 'ok', auth: 'failed', session: 'not-reached' });
    expect(t.keys[0]).toMatchObject({ source: 'client_wrong', result: 'rejected' });
    expect(t.failure?.stage).toBe('auth');
    expect(t.failure?.articleId).toBe('permission-denied-publickey');
    expect(text.split('\n')[t.failure!.line! - 1]).toContain('Permission denied (publickey)');
    expect(t.findings.map((f) => f.rule)).toContain('keys-rejected');
  });

  it('kex failures name the right article', () => {
    const hk = analyzeLog(fixture('logs', 'no-hostkey-type-vvv.txt'));
    expect(hk.failure).toMatchObject({ stage: 'kex', articleId: 'no-matching-host-key-type' });
    expect(hk.negotiated.hostKeyAlgorithm).toBe('(no match)');
    const kex = analyzeLog(fixture('logs', 'no-kex-vvv.txt'));
    expect(kex.failure).toMatchObject({ stage: 'kex', articleId: 'no-matching-key-exchange' });
    expect(kex.negotiated.kex).toBe('(no match)');
    expect(statuses(kex).hostkey).toBe('not-reached');
  });

  it('connection refused and unresolvable host stop early', () => {
    const r = analyzeLog(fixture('logs', 'refused-vvv.txt'));
    expect(r.failure).toMatchObject({ stage: 'connect', articleId: 'connection-refused' });
    expect(statuses(r).banner).toBe('not-reached');
    const d = analyzeLog(fixture('logs', 'resolve-vvv.txt'));
    expect(d.failure).toMatchObject({ stage: 'resolve', articleId: 'could-not-resolve-hostname' });
  });

  it('changed host key fails at the host key stage', () => {
    const t = analyzeLog(fixture('logs', 'hostkey-changed-vvv.txt'));
    expect(t.failure).toMatchObject({ stage: 'hostkey', articleId: 'remote-host-identification-changed' });
    expect(t.failure?.text).toBe('WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!');
    expect(t.hostKeyStatus).toBe('changed');
    expect(statuses(t).auth).toBe('not-reached');
  });

  it('a log cut off mid-way reports where it stopped', () => {
    const lines = fixture('logs', 'success-vvv.txt').split('\n');
    const cut = lines.slice(0, lines.findIndex((l) => l.includes('SSH2_MSG_SERVICE_ACCEPT'))).join('\n');
    const t = analyzeLog(cut);
    expect(t.failure?.text).toMatch(/stops during/);
    expect(t.findings[0]?.severity).toBe('warning');
  });

  it('older wording "Authentication succeeded (publickey)." and "Trying private key" count', () => {
    const t = analyzeLog([
      'OpenSSH_7.4p1, OpenSSL 1.0.2k-fips  26 Jan 2017',
      'debug1: Connecting to old.example [192.0.2.9] port 22.',
      'debug1: Connection established.',
      'debug1: Remote protocol version 2.0, remote software version OpenSSH_7.4',
      'debug1: Authentications that can continue: publickey,password',
      'debug1: Trying private key: /home/kim/.ssh/id_rsa',
      'debug1: Authentication succeeded (publickey).',
      'debug1: Entering interactive session.',
    ].join('\n'));
    expect(t.keys[0]).toMatchObject({ source: '/home/kim/.ssh/id_rsa', how: 'private', result: 'accepted' });
    expect(t.authenticated?.method).toBe('publickey');
    expect(t.failure).toBeNull();
  });

  it('text that is not a log says so', () => {
    const t = analyzeLog('hello world');
    expect(t.recognised).toBe(false);
    expect(t.notices.join(' ')).toMatch(/ssh -vvv/);
  });
});

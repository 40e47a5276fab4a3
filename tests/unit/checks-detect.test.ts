import { describe, expect, it } from 'vitest';
import { detectKind } from '../../src/checks/detect.ts';
import { fixture, fixtureNames } from '../fixtures/checks/fixtures.ts';

describe('detectKind', () => {
  it('recognises every captured ssh -v/-vvv log', () => {
    for (const f of fixtureNames('logs')) expect(detectKind(fixture('logs', f)), f).toBe('debug-log');
  });

  it('recognises ls and icacls listings', () => {
    for (const f of fixtureNames('perms')) expect(detectKind(fixture('perms', f)), f).toBe('permissions');
  });

  it('recognises sshd_config files, concatenations and sshd -T output', () => {
    for (const f of ['main-sshd_config', 'lockout.conf', 'tail-concat-dropins.txt', 'hash-marker-concat.txt', 'sshd-T-main.txt', 'sshd-T-lockout.txt', '50-cloud-init.conf', '60-hardening.conf']) {
      expect(detectKind(fixture('sshd-config', f)), f).toBe('sshd-config');
    }
  });

  it('treats error messages (including sshd -t stderr) as error text', () => {
    expect(detectKind('ubuntu@10.0.0.5: Permission denied (publickey).')).toBe('error');
    expect(detectKind('ssh: connect to host example.com port 22: Connection refused')).toBe('error');
    expect(detectKind('banner exchange: Connection to 1.2.3.4 port 22: invalid format')).toBe('error');
    expect(detectKind(fixture('sshd-config', 'sshd-t-lockout-stderr.txt'))).toBe('error');
    expect(detectKind(fixture('sshd-config', 'sshd-t-deprecated-stderr.txt'))).toBe('error');
  });

  it('a single plain setting line is a config', () => {
    expect(detectKind('PasswordAuthentication no\n')).toBe('sshd-config');
  });

  it('returns unknown for empty, binary and letterless input', () => {
    expect(detectKind('')).toBe('unknown');
    expect(detectKind('   \n\n')).toBe('unknown');
    expect(detectKind('\x00\x01\x02\x03'.repeat(1000))).toBe('unknown');
    expect(detectKind('1234 5678\n---')).toBe('unknown');
  });
});

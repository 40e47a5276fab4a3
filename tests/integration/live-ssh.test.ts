/**
 * Live OpenSSH test: starts real throwaway sshd instances on 127.0.0.1 (via the same scenario
 * code as scripts/corpus/capture.ts), runs the real ssh client against them, and checks that
 * what the client (or sshd's log) printed routes to the right article.
 *
 * Needs /usr/sbin/sshd (openssh-server) and root (the scenarios create two throwaway users,
 * sshfix-alice and sshfix-nologin, and run sshd). Skips with a message otherwise.
 * Takes ~15-25 s on 2 cores; every sshd/agent/listener is stopped and every temp dir removed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { killAll, liveProcesses, openWorkDirs, sshdAvailable } from '../../scripts/corpus/lib.ts';
import {
  adminProhibited,
  connectionClosedByRemote,
  connectionRefused,
  connectionResetByPeer,
  hostKeyChanged,
  noMatchingHostKeyType,
  noMutualSignature,
  permissionDeniedPublickey,
  sshdKeyTypeNotAccepted,
  tooManyAuthFailures,
  unprotectedKey,
  type Scenario,
} from '../../scripts/corpus/scenarios.ts';
import { createMatcher } from '../../src/matcher/index.ts';
import { loadRules } from '../../src/catalog/rules.ts';

const isRoot = process.getuid?.() === 0;
const haveSshd = sshdAvailable();
const skipReason = !haveSshd
  ? 'live-ssh: /usr/sbin/sshd is not installed (apt-get install openssh-server): skipping the live OpenSSH test'
  : !isRoot
    ? 'live-ssh: not running as root (the scenarios run sshd and create throwaway users): skipping the live OpenSSH test'
    : '';
if (skipReason) console.warn(skipReason);

/** The representative subset: one per stage, the ones the paste box must never get wrong. */
const LIVE: Scenario[] = [
  connectionRefused,
  connectionResetByPeer,
  connectionClosedByRemote,
  noMatchingHostKeyType,
  hostKeyChanged,
  permissionDeniedPublickey,
  unprotectedKey,
  tooManyAuthFailures,
  noMutualSignature,
  sshdKeyTypeNotAccepted,
  adminProhibited,
];

describe.skipIf(Boolean(skipReason))('live OpenSSH output routes to the right article', () => {
  let matcher: ReturnType<typeof createMatcher>;

  beforeAll(() => {
    matcher = createMatcher(loadRules());
  });

  afterAll(() => {
    killAll();
    expect(liveProcesses()).toBe(0);
    // Every scenario removes its own temp dir; none of ours may be left behind.
    expect(openWorkDirs()).toEqual([]);
  });

  for (const s of LIVE) {
    it(`${s.id} (${s.name})`, { timeout: 20_000 }, async () => {
      const out = await s.capture('');
      // The real OpenSSH line is there (this part holds whatever the matcher does) ...
      expect(out).toMatch(s.expect);
      // ... and the paste box routes it to the article.
      const res = matcher.match(out);
      expect(res.best?.id, `routed ${JSON.stringify(out)} to ${res.best?.id}`).toBe(s.id);
      expect(liveProcesses()).toBe(0);
      expect(openWorkDirs()).toEqual([]);
    });
  }

  it('a -v paste routes the same way (permission denied, publickey)', { timeout: 20_000 }, async () => {
    const out = await permissionDeniedPublickey.capture('-v');
    expect(out).toMatch(/^debug1: /m);
    expect(matcher.match(out).best?.id).toBe('permission-denied-publickey');
  });
});

/**
 * Captures REAL OpenSSH output for the error ids into tests/fixtures/pastes/<id>/captured-*.txt.
 *
 *   npx tsx scripts/corpus/capture.ts                 # every scenario (needs root, ~3 min)
 *   npx tsx scripts/corpus/capture.ts --only connection-refused,many-keys
 *   npx tsx scripts/corpus/capture.ts --list
 *
 * --only takes error ids or scenario names. A full run also removes stale captured-*.txt files
 * and rewrites tests/fixtures/pastes/CAPTURED.md. See scripts/corpus/scenarios.ts.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { killAll, opensshVersion, osName, sshdAvailable } from './lib.ts';
import { notReproducible, scenarios as baseScenarios, type Scenario, type Verbosity } from './scenarios.ts';
import { scenariosV2 } from './scenarios-v2.ts';
import { scenariosV2b } from './scenarios-v2b.ts';

const scenarios: Scenario[] = [...baseScenarios, ...scenariosV2, ...scenariosV2b];

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PASTES = join(ROOT, 'tests', 'fixtures', 'pastes');
const IDS = join(ROOT, 'content', 'ids.tsv');
const SHARED_IDS = join(ROOT, '..', 'shared', 'catalog', 'ids.tsv');

function allIds(): string[] {
  const f = existsSync(IDS) ? IDS : SHARED_IDS;
  if (!existsSync(f)) return [];
  return readFileSync(f, 'utf8')
    .split('\n')
    .slice(1)
    .map((l) => l.split('\t')[0]!.trim())
    .filter(Boolean);
}

export function fileName(s: Scenario, v: Verbosity): string {
  return `captured-${s.name}${v}.txt`;
}

export function header(s: Scenario, version: string, os: string): string {
  const what =
    s.shows === 'server'
      ? "; sshd's log lines in journald's short format (syslog timestamp and PID as logged, host shown as myhost; lines sshd writes to stderr before syslog is set up get a made-up `Nov 26 10:00:0N myhost sshd[1234]:` prefix)"
      : '';
  return `---\nsource: captured with scripts/corpus/capture.ts (${version}, ${os}), scenario ${s.name}${what}\n---\n`;
}

async function main() {
  const args = process.argv.slice(2);
  if (args.includes('--list')) {
    for (const s of scenarios) console.log(`${s.id.padEnd(46)} ${s.name.padEnd(34)} ${s.variants.map((v) => v || 'plain').join(' ')}`);
    return;
  }
  if (!sshdAvailable()) {
    console.error('capture: /usr/sbin/sshd or /usr/bin/ssh is missing (apt-get install openssh-client openssh-server)');
    process.exit(2);
  }
  const onlyIdx = args.indexOf('--only');
  const only = onlyIdx >= 0 ? new Set((args[onlyIdx + 1] ?? '').split(',').filter(Boolean)) : null;
  const chosen = only ? scenarios.filter((s) => only.has(s.id) || only.has(s.name)) : scenarios;
  const version = opensshVersion();
  const os = osName();
  const written = new Set<string>();
  const failed: { s: Scenario; v: Verbosity; why: string; out: string }[] = [];
  const results: { s: Scenario; v: Verbosity; file: string; ms: number }[] = [];

  for (const s of chosen) {
    for (const v of s.variants) {
      const t0 = Date.now();
      let out = '';
      try {
        out = await Promise.race([
          s.capture(v),
          new Promise<string>((_, rej) => setTimeout(() => rej(new Error('timed out after 45 s')), 45000).unref()),
        ]);
      } catch (e) {
        failed.push({ s, v, why: `threw: ${(e as Error).message.split('\n')[0]}`, out });
        console.log(`FAIL  ${s.id} ${s.name}${v}: threw ${(e as Error).message.split('\n')[0]}`);
        continue;
      }
      const ms = Date.now() - t0;
      if (!s.expect.test(out)) {
        failed.push({ s, v, why: `output lacks ${s.expect}`, out });
        console.log(`MISS  ${s.id} ${s.name}${v} (${ms} ms): expected ${s.expect}\n${out.replace(/^/gm, '      | ')}`);
        continue;
      }
      const dir = join(PASTES, s.id);
      mkdirSync(dir, { recursive: true });
      const file = join(dir, fileName(s, v));
      writeFileSync(file, header(s, version, os) + out);
      written.add(file);
      results.push({ s, v, file, ms });
      console.log(`ok    ${s.id} ${s.name}${v} (${ms} ms, ${out.split('\n').length - 1} lines)`);
    }
  }
  killAll();

  if (!only) {
    // Remove captures no scenario produced this time (renamed or no longer reproducing).
    for (const id of existsSync(PASTES) ? readdirSync(PASTES) : []) {
      const d = join(PASTES, id);
      if (!existsSync(d) || id.includes('.')) continue;
      for (const f of readdirSync(d)) {
        if (/^captured-.*\.txt$/.test(f) && !written.has(join(d, f))) unlinkSync(join(d, f));
      }
    }
    writeFileSync(join(PASTES, 'CAPTURED.md'), capturedMd(version, os, results, failed));
  }
  const ids = new Set(results.map((r) => r.s.id));
  const known = allIds();
  console.log(`\n${results.length} captures written for ${ids.size} ids; ${failed.length} variants failed.`);
  if (known.length) {
    const missing = known.filter((i) => !ids.has(i));
    console.log(`ids without a capture (${missing.length}): ${missing.join(', ')}`);
  }
  if (failed.length) process.exitCode = 1;
}

function capturedMd(version: string, os: string, results: { s: Scenario; v: Verbosity; file: string }[], failed: { s: Scenario; v: Verbosity; why: string }[]): string {
  const ids = [...new Set(results.map((r) => r.s.id))].sort();
  const known = allIds();
  const missing = known.filter((i) => !ids.includes(i));
  const rows = scenarios
    .filter((s) => results.some((r) => r.s === s))
    .map((s) => {
      const files = results.filter((r) => r.s === s).map((r) => `\`${fileName(s, r.v)}\``);
      return `| \`${s.id}\` | \`${s.name}\` | ${s.shows} | ${s.how.replace(/\|/g, '\\|')} | ${files.join(', ')} |`;
    });
  const why = (id: string) =>
    notReproducible[id] ?? failed.filter((f) => f.s.id === id).map((f) => `scenario ${f.s.name}${f.v} did not reproduce (${f.why})`).join('; ') ?? '';
  return `# Captured pastes (real OpenSSH output)

Every \`captured-*.txt\` file under \`tests/fixtures/pastes/<id>/\` is the REAL output of the OpenSSH
client or server on this project's build machine, produced by \`scripts/corpus/capture.ts\`; the folder
name is the error id the paste must route to. Captured with **${version}** on **${os}**
(\`ssh -V\`: the Debian package \`openssh-client\`/\`openssh-server\`).

## Re-running

\`\`\`sh
sudo apt-get install -y openssh-client openssh-server   # if /usr/sbin/sshd is missing
sudo npx tsx scripts/corpus/capture.ts                  # all scenarios, ~4-5 minutes on 2 cores
sudo npx tsx scripts/corpus/capture.ts --only connection-refused,no-mutual-signature
npx tsx scripts/corpus/capture.ts --list
\`\`\`

It must run as root. Each scenario runs in its own temp dir (\`/tmp/sshfix-corpus-*\`, removed
afterwards): its own \`sshd_config\` and host keys made with \`ssh-keygen\`, a throwaway
\`/usr/sbin/sshd -f CONFIG -D -E LOG\` on a free 127.0.0.1 high port, stopped by its PID; plain Node
TCP listeners (close, reset, junk banner, a pausing/bit-flipping proxy) for the banner and
transport scenarios; the client with \`-F\`, \`-i\` and \`UserKnownHostsFile\` inside the temp dir and
\`HOME\` set to it. The system sshd, port 22, \`/etc/ssh\` and any real \`~/.ssh\` are never touched.

Server-log scenarios start sshd without \`-E\`, so it logs through syslog(3) exactly as a packaged
sshd does (with its \`error: \`/\`fatal: \` level words, which \`-E\` leaves out, and the real PID of
each process): sshd runs in a private mount namespace (\`unshare --mount\`) whose \`/dev\` is an
overlay with \`/dev/log\` bound to a datagram socket read by a small python3 receiver. The real
\`/dev\` is untouched. Lines sshd prints before it opens syslog (\`no hostkeys available\`,
\`Missing privilege separation directory\`) go to stderr, which is what journald records for them.

System changes it makes (idempotent, documented here on purpose):

- two throwaway accounts, \`sshfix-alice\` (bash) and \`sshfix-nologin\` (shell
  \`/usr/sbin/nologin\`), created with \`useradd --create-home\` and given a password so they are not
  locked; remove them with \`sudo userdel -r sshfix-alice; sudo userdel -r sshfix-nologin\`;
- \`/run/sshd\` (sshd's privilege-separation dir) is created if missing, as the Debian service
  unit does;
- scenario \`bashrc-echo\` prepends a line to \`~sshfix-alice/.bashrc\` and restores it;
  scenario \`pam-expired-password\` runs \`chage -d 0 sshfix-alice\` and resets the date afterwards.

The connect-stage scenarios that need a broken network (\`no-network\`, \`unreachable-route\`,
\`no-dns-server\`, \`unknown-name\`) run the client inside a private network namespace
(\`unshare --net --mount\`); no packet leaves the machine.

## Sanitising

Only identifying details are rewritten, never a message's wording: temp-dir paths become
\`/home/alice/...\`, \`/etc/ssh/...\`; \`127.0.0.1\` becomes \`203.0.113.10\`; the throwaway sshd port
becomes \`2222\` (\`22\` for connect-stage scenarios, \`8080\`/\`80\`/\`5432\` for forwarded ports);
\`sshfix-alice\` becomes \`alice\`, \`sshfix-nologin\` becomes \`backup\`; \`localhost\` is shown as a
host name where a scenario needs one (e.g. \`db1.example.com\`). Key fingerprints are those of the
throwaway keys made for the run, so they change on every capture. Server-side captures are
sshd's log lines in journald's short format (\`Nov 26 10:04:02 myhost sshd[15054]: ...\`): the
syslog timestamp and PID are the real ones, the host name is shown as \`myhost\`; the stderr-only
lines get a made-up \`Nov 26 10:00:0N myhost sshd[1234]: \` prefix. The text after the prefix is
exactly what sshd wrote. Addresses that are the user's own machine (a local forward's
\`bind [127.0.0.1]:8080\`) stay \`127.0.0.1\`.

## Notes for article writers (what OpenSSH 9.2 really prints)

- sshd 9.2 logs \`userauth_pubkey: signature algorithm ssh-ed25519 not in PubkeyAcceptedAlgorithms [preauth]\`
  (not \`key type ...\`) when the offered key's algorithm is not accepted.
- With OpenSSL 3, most unreadable private keys (truncated OpenSSH-format key, a public key given
  as the identity, junk) give \`Load key "...": error in libcrypto\`, not \`invalid format\`;
  \`invalid format\` came from a PEM key with lines missing from its body.
- A missing sftp-server binary: sshd 9.2 accepts the subsystem request, so \`sftp\` prints only
  \`Connection closed\` and \`scp\` \`scp: Connection closed\`; \`subsystem request failed on channel 0\`
  appears when sshd_config has no \`Subsystem sftp\` line at all.
- \`ssh\` re-asks \`Enter passphrase for key '...':\` after a wrong passphrase (no "Bad passphrase"
  line); \`Bad passphrase, try again for ...:\` is ssh-add's prompt.
- PAM's expired-password text on Debian: \`You are required to change your password immediately
  (administrator enforced).\` (via keyboard-interactive: \`(alice@host) Password:\` prompts).
- \`no mutual signature supported\` was only reproducible with a key ssh cannot read the public half
  of up front (passphrase-protected PEM RSA key, no .pub) and a client whose
  PubkeyAcceptedAlgorithms has no RSA algorithm: sshd 9.2 advertises every algorithm in
  server-sig-algs whatever its own PubkeyAcceptedAlgorithms says.
- CheckHostIP is skipped for 127.0.0.0/8, hence the network namespace for \`host-key-differs-for-ip\`.

## What was captured (${results.length} files, ${ids.length} of ${known.length || 61} ids)

| id | scenario | shows | how it is reproduced | files |
| --- | --- | --- | --- | --- |
${rows.join('\n')}

## Ids not captured (${missing.length})

| id | why |
| --- | --- |
${missing.map((id) => `| \`${id}\` | ${why(id) || 'no scenario yet'} |`).join('\n')}
`;
}

// Ctrl-C: stop every sshd/agent/listener we started; the exit hook in lib.ts removes temp dirs.
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => {
    killAll();
    process.exit(130);
  });
}

let finished = false;
process.on('beforeExit', () => {
  if (!finished) {
    console.error('capture: a scenario left nothing to wait on and never finished (a bug in its code)');
    process.exitCode = 1;
  }
});
main().then(() => (finished = true)).catch((e) => {
  finished = true;
  killAll();
  console.error(e);
  process.exit(1);
});

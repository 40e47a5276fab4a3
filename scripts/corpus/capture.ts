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
import { notReproducible, scenarios, type Scenario, type Verbosity } from './scenarios.ts';

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
      ? '; sshd log lines, prefixed as journald prints them (the timestamp, host and PID in the prefix are made up)'
      : s.shows === 'command'
        ? ''
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
sudo npx tsx scripts/corpus/capture.ts                  # all scenarios, ~3 minutes on 2 cores
sudo npx tsx scripts/corpus/capture.ts --only connection-refused,no-mutual-signature
npx tsx scripts/corpus/capture.ts --list
\`\`\`

It must run as root. Each scenario runs in its own temp dir (\`/tmp/sshfix-corpus-*\`, removed
afterwards): its own \`sshd_config\` and host keys made with \`ssh-keygen\`, a throwaway
\`/usr/sbin/sshd -f CONFIG -D -E LOG\` on a free 127.0.0.1 high port, stopped by its PID; plain Node
TCP listeners for the banner scenarios; the client with \`-F\`, \`-i\` and \`UserKnownHostsFile\`
inside the temp dir and \`HOME\` set to it. The system sshd, port 22, \`/etc/ssh\` and any real
\`~/.ssh\` are never touched. System changes it makes (idempotent, documented here on purpose):

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
sshd's log lines, prefixed as journald prints them (\`Nov 26 10:00:01 myhost sshd[PID]: \`); the
prefix is made up, the text after it is what sshd logged.

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

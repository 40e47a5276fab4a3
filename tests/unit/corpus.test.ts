/**
 * The real-paste corpus (tests/fixtures/corpus/): pastes people posted in public threads, each
 * labelled with the article an SSH expert would send them to. Every paste is well-formed, its
 * label names a real article (or none / uncovered), non-SSH text gets no answer, and each half
 * reaches the routing goal. `npm run bench -- routing` prints the same figures per paste shape,
 * with every miss.
 */
import { describe, expect, it } from 'vitest';
import { readArticles } from '../../src/catalog/load.ts';
import { loadRules, toRules } from '../../src/catalog/rules.ts';
import { createMatcher, type Rule } from '../../src/matcher/index.ts';
import { answerOf, CORPUS_HALVES, corpusFixtures, expectedAnswer } from '../fixtures/read.ts';

/**
 * Top-1 answers on the pastes labelled with an article, per half, that a change must not lose.
 * Issue #12's goal is 95% on pastes the matcher was not tuned on; these floors are what it
 * reaches today. First, blind measurements before any miss was looked at: holdout 69.4%, holdout2
 * 66.2%, holdout3 75.4%, holdout4 73.3%, holdout5 63.8%, holdout6 77.6%, holdout7 51.9%, holdout8 81.0%, holdout9 77.1%, holdout10 71.4%, holdout11 67.3%, holdout12 63.0%, holdout13 77.2%, holdout14 80.0%, holdout15 77.8%, holdout16 57.7%, holdout17 73.0%, holdout18 57.9%, holdout19 66.1%, holdout20 44.4%, holdout21 55.1%, holdout22 50.0%, holdout23 50.0%, holdout24 59.0%, holdout25 50.8%, holdout26 69.4%, holdout27 79.3%, holdout28 58.0%, holdout29 63.3%, holdout30 63.6%, holdout31 42.9%, holdout32 71.0%, holdout33 59.4%, holdout34 48.1%, holdout35 42.1%, holdout36 54.5% (sets collected
 * independently; from holdout2 on, labelled by what the paste shows).
 * `npm run bench -- routing` prints the current figures and every miss.
 */
const FLOOR: Record<string, number> = { dev: 0.94, holdout: 0.83, holdout2: 0.83, holdout3: 0.86, holdout4: 0.83, holdout5: 0.86, holdout6: 0.86, holdout7: 0.76, holdout8: 0.88, holdout9: 0.89, holdout10: 0.71, holdout11: 0.79, holdout12: 0.71, holdout13: 0.84, holdout14: 0.85, holdout15: 0.77, holdout16: 0.69, holdout17: 0.79, holdout18: 0.66, holdout19: 0.74, holdout20: 0.51, holdout21: 0.59, holdout22: 0.59, holdout23: 0.52, holdout24: 0.64, holdout25: 0.55, holdout26: 0.73, holdout27: 0.82, holdout28: 0.72, holdout29: 0.71, holdout30: 0.72, holdout31: 0.44, holdout32: 0.74, holdout33: 0.65, holdout34: 0.59, holdout35: 0.5, holdout36: 0.56 };
/**
 * Non-SSH pastes that still get an answer, per half (each is listed by the bench): holdout2 `b059`,
 * a sentence about an FTP server that names WinSCP (an SSH and FTP client), gets a fuzzy guess;
 * holdout3 `d018`, Node's `connect ECONNREFUSED 127.0.0.1:27027` from a database client reaching
 * an `ssh -L` port, is read as the SSH forward's refusal; holdout4 `f011`, an HTTP tunnel client's
 * `Can not connect to the server`, gets a fuzzy guess; holdout5 `g025` (LibreELEC's advice to "use
 * public key authentication") gets a fragment of `Public key authentication failed.`, and `h007` (a
 * console's "root account is locked" in a thread about ssh) a fragment of a PAM lock message;
 * holdout6 `i015` (Deployer's identity-file warning before a read-only file system), `i036` (git
 * clone of a path that does not exist) and `j036` (VS Code Remote-SSH logged in, then `bash: command
 * not found`) all carry an SSH program's own line; holdout8 `m011` (n8n's credential test text)
 * and `n047`, `n049` (typed cloud-console sentences) get fuzzy guesses, `n011` (gcloud on Windows,
 * an unknown command) is read as the gcloud wrapper; holdout9
 * `p013` (a git-shell Ruby error after login) carries a git line that is read as the failure; holdout10 `q015` (ssh-audit's
 * `[fail]` findings, no failure) names algorithms in lines read as negotiation failures; holdout11 `s023` and `u037` (Ansible's
 * verbose `Failed to connect to the host via ssh:` before a module that ran and failed), `t001` (a
 * panel's HTTP 504 beside its SFTP server's log of a scanner's reset) and `u042` (rsync's remote
 * `mkdir … Permission denied (13)`, which sftp-remote-permission-denied lists) carry SSH lines, and
 * `u045` (a tool's report whose stderr is only `Warning: Permanently added …`) is too short a paste
 * for the notice to be set aside;
 * holdout12 `w050` (Mercurial's `repository … not found` for a git+ssh URL it cannot handle), `x021`
 * (a KOReader plugin's "past Permission Denied, now …" sentence) and `x032` (a Home Assistant
 * command timing out after the SSH login) read as the SSH errors their words name;
 * holdout13 `y019` (an issue title that is only Windows' `An existing connection was forcibly
 * closed by the remote host`, from Ollama) gets a fuzzy guess, and `z002` (an Ansible report titled
 * "Authentication failed" whose only output is `Shared connection … closed`) a guess from its words;
 * holdout14 `ab044` (a typed sentence about a screen session after ssh closed) gets a low fuzzy
 * guess; holdout15 `ad020` (a PAN-OS Ansible module's
 * "network os not supported") gets a low fuzzy guess; holdout16 `ae023` (a chroot's
 * `Starting OpenBSD Secure Shell server: sshd.` before a hang elsewhere) reads as sshd's start
 * failing, and `af002`, `af011`, `af019`, `af050` (web terminals' own errors: Guacamole's instruction
 * parse error, the container's `Login incorrect`, Sshwifty's and WebSSH2's backend disconnects)
 * get guesses from their words, and `af022` (webssh's paramiko log: `Unknown ssh-ed25519 host key`,
 * a login that worked, then the web socket dropped) is answered with the host key notice; holdout17
 * `ag021` (a tutorial's "no public SSH keys" sentence), `ag031` (a VS Code SSH FS extension's own
 * ENOENT for PuTTY's registry), `ah029` (a Bamboo git plugin's unknown switch), `ah039` (Dependabot
 * unable to access a git dependency), `ah045` (a CI docs note about a `cd` error and a Username
 * prompt) and `ah049` (a security report on a StrictHostKeyChecking warning) get low guesses from
 * their words; holdout18 `ai008` (guacd's font error), `ai015` (an FTP login), `aj006` (an Azure FTP task) and `aj022` (rsync's set-times warning) get
 * low guesses, `ai047` (a Cockpit admin's sentence "password authentication is disabled") reads as
 * the host key warning's line of that name, and `aj013` (Composer falling back to SSH for a git
 * URL with no git installed) carries git's `Could not read from remote repository`; holdout19
 * `ak042` (an Allsky SFTP debug line about a descriptor), `ak048` (BirdNET-Pi's own hostname
 * message), `al001` (an Airflow sensor's SIGABRT) and `al018` (Spring Integration's pool timeout)
 * get guesses from their words; holdout20 `am001` (Termux's package `openssh` not found, a typed
 * sentence) gets a low guess of the missing ssh client; holdout21 `ap016` (a game server killed at
 * logout, typed) a low guess from its words; holdout22 `aq028` (DevPod's debug line that no agent
 * runs, before its own error) and `ar048` (pip's `[WinError 2]` installing the az ssh extension)
 * carry an SSH tool's line, and `aq036` (an IDE proxy's `connect ECONNREFUSED 127.0.0.1:3000` in a
 * post about keys) reads as a refused connection; holdout23 `as012` (Duo's push sent twice) and
 * `at001` (a root login that needs no password) get low guesses of the password article, and
 * `as021` (DenyHosts not banning a root password attempt) a guess of the key article; holdout24
 * `av009` (git's `'dokku/master' does not appear to be a git repository`, a remote name used as a
 * path) reads as git's failure over SSH; holdout25 `aw048` and `aw049` (posts about
 * `SSH_AUTH_SOCK` being empty or unset) read as the agent message, `ax038` (a Gitea doctor log's
 * `open doctor.log: permission denied`) as a refused key, and `aw006` (a Keychain post) and
 * `aw045` (a mosh post about sleep) get low guesses from their words; holdout26 `az037` (a PAM
 * module's `unrecognized option` before a login that worked) reads as a failed password; holdout27
 * `ba016` (a paramiko traceback parsing known_hosts) reads as a key format error, `ba022` (BackupPC's
 * rsyncd reset) as rsync's closed connection, and `bb005`, `bb011` (typed tunnel posts) and `bb019`
 * (MATLAB's parallel pool port) get low guesses; holdout28 `bd010` (step-ca's template error naming a
 * missing 'Certificate') reads as a certificate problem, `bd025` (Cockpit's web login) and `bd034`
 * (a PuTTY keyboard-interactive PASSCODE prompt, no failure) as a refused password, and `bd035` (an
 * LDAP GSSAPI bind's missing keytab) as a missing file; holdout29 `be041` (a k3s API server's
 * `The connection to the server …:6443 was refused` typed as an ssh problem) reads as a refused
 * connection, and `bf033` (a Kaggle account lock) and `bf038` (an Azure Bastion how-to) get low guesses;
 * holdout30 `bg023` (serveo's HTTP side down after a working `ssh -R`) gets a low guess from its words;
 * holdout31 `bi006` (NoMachine's own `Authentication failed` in Chinese, ssh working) reads as a
 * refused password, and `bi010`, `bi012` (VNC through a working `ssh -L`) and `bi034` (a Wayland
 * client with no display over ssh) get low guesses from their words; holdout32 `bk004` (Windows
 * Explorer's `explorer.exe: Invalid argument` on an sshfs mount) reads as the end of ssh's connect
 * line, `bk005` (`fuse: mount failed: Permission denied`) as a refused key, `bk026` (a typed VimR
 * post about `scp://` paths) gets a low guess, and `bk035` (`ls`/`stat` saying "No such file or
 * directory" on a macFUSE mount point, quoted in a sentence) reads as sftp's missing file;
 * holdout33 `bm006` (a Gogs login redirect for `go get`) reads as a git host's refusal and `bm013`
 * (Composer asking for a GitHub username and password over HTTPS) as a refused password;
 * holdout34 `bp028` (an AI agent's terminal hang over Remote-SSH), `bp042` (an editor's missing
 * working directory) and `bp044` (Copilot opening a local terminal) get low guesses from their words;
 * holdout35 `bq018` (a web page's `Connection Refused/404`) reads as a refused connection, `bq023` (a
 * printer unreachable over Wi-Fi) as a time-out, `bq037` (a board with no outbound network: git
 * over HTTPS, then ping's `Destination Host Unreachable`) gets a low guess from its words, and `br049` (DDEV's omitted agent container) as an empty agent;
 * holdout36 `bs006` (Gitea's start log), `bs011` (a remote zsh's `command not found`), `bs042` (a
 * working mod_sftp session's log) and `bt017` (a BBS client stopping after the banner) carry SSH
 * words read as failures.
 */
const NONE_ANSWERED: Record<string, number> = { dev: 0, holdout: 0, holdout2: 1, holdout3: 1, holdout4: 1, holdout5: 2, holdout6: 3, holdout7: 0, holdout8: 4, holdout9: 1, holdout10: 1, holdout11: 5, holdout12: 3, holdout13: 2, holdout14: 1, holdout15: 1, holdout16: 6, holdout17: 6, holdout18: 6, holdout19: 4, holdout20: 1, holdout21: 1, holdout22: 3, holdout23: 3, holdout24: 1, holdout25: 5, holdout26: 1, holdout27: 5, holdout28: 4, holdout29: 3, holdout30: 1, holdout31: 4, holdout32: 4, holdout33: 2, holdout34: 3, holdout35: 4, holdout36: 4 };
const CLASSES = ['plain', 'masked', 'fragment', 'multi', 'wrapper', 'typed', 'localized', 'tail'];

let rules: Rule[];
try {
  rules = loadRules();
} catch {
  rules = toRules(readArticles().articles);
}
const matcher = createMatcher(rules);
const ids = new Set(rules.map((r) => r.id));

for (const half of CORPUS_HALVES) {
  const corpus = corpusFixtures(half);
  describe(`corpus: ${half}`, () => {
    it('has pastes, each with a public source, a known label and a paste shape', () => {
      expect(corpus.length).toBeGreaterThanOrEqual(100);
      const bad = corpus.filter(
        (f) =>
          !/^https?:\/\//.test(f.meta.source ?? '') ||
          !(ids.has(f.label) || f.label === 'none' || f.label === 'uncovered') ||
          !CLASSES.includes(f.kind) ||
          f.paste.trim() === '',
      );
      expect(bad.map((f) => `${f.rel}: source=${f.meta.source} label=${f.label} class=${f.kind}`)).toEqual([]);
    });

    it('gives no answer for text that is not about an SSH failure (at most a line flagged as not the failure)', () => {
      const wrong = corpus
        .filter((f) => f.label === 'none')
        .map((f) => ({ f, r: matcher.match(f.paste) }))
        .filter(({ r }) => answerOf(r) !== null);
      expect(wrong.length, wrong.map(({ f, r }) => `${f.rel} → ${answerOf(r)}`).join('\n')).toBeLessThanOrEqual(NONE_ANSWERED[half]);
    });

    it(`routes at least ${FLOOR[half] * 100}% of the pastes labelled with an article to it`, () => {
      const labelled = corpus.filter((f) => typeof expectedAnswer(f) === 'string');
      const misses = labelled
        .map((f) => ({ f, got: answerOf(matcher.match(f.paste)) }))
        .filter(({ f, got }) => got !== f.label)
        .map(({ f, got }) => `${f.rel} [${f.kind}]: want ${f.label}, got ${got}`);
      const accuracy = (labelled.length - misses.length) / labelled.length;
      expect(accuracy, `${labelled.length - misses.length}/${labelled.length}; misses:\n${misses.join('\n')}`).toBeGreaterThanOrEqual(FLOOR[half]);
    });
  });
}

/**
 * Guesses what a paste is, so the paste box can offer the check that fits: an `ssh -v/-vvv`
 * log, an `ls -la` / `icacls` permissions listing, an sshd_config (or `sshd -T` output), a
 * client config (or `ssh -G` output), an algorithm negotiation failure that lists the offers, or
 * plain error text. Counting only: every test is an anchored, bounded regex on a capped line.
 */
import { prepareInput } from './input.ts';
import { sshKeywordInfo } from './ssh-keywords.ts';
import { keywordInfo } from './sshd-keywords.ts';

/** What a paste looks like. */
/** Every kind of paste the checks tell apart. */
export const PASTE_KINDS = ['error', 'debug-log', 'permissions', 'sshd-config', 'ssh-config', 'negotiation', 'unknown'] as const;
export type PasteKind = (typeof PASTE_KINDS)[number];

// Pasted along with a config, counted as neither config nor error: `ssh-add -l` output, the
// command that printed the config, `tail` file headers and /etc/os-release lines.
const NEUTRAL_RE = /^\d{3,5} (?:SHA256|MD5):\S{16,100} .{0,500}\([A-Z0-9-]{2,20}\)$|^\$ (?:ssh-add -[lL]|cat \S{1,200})$|^==> .{1,500} <==$|^(?:ID|ID_LIKE|VERSION_ID|VERSION|PRETTY_NAME|NAME|VERSION_CODENAME|UBUNTU_CODENAME)=/;
// The negotiation failures that carry the peer's list (src/checks/negotiation.ts reads them).
const NEGOTIATION_RE = /Unable to negotiate with .{1,300} Their offer: |no match for method .{1,80}: server \[|Algorithm negotiation fail: algorithmName=|Unable to negotiate key exchange for .{1,80}\(client: |no common algorithm for .{1,60}offered: \[|No common \w{1,12} algorithm - ours:|NoCommonAlgo \{|No matching .{1,40} algorithm found, sent |Couldn't agree an? .{1,60}\(available: |could not settle on \w{1,30} algorithm/;

// `debug1: …` as printed by ssh -v (optionally after a timestamp or a CI prefix).
const DEBUG_RE = /^\s{0,8}(?:\S{1,64}\s{1,4}){0,2}?debug[1-3]: /;
// The first line of ssh -v: `OpenSSH_9.2p1 Debian-2+deb12u3, OpenSSL 3.0.15 3 Sep 2024`.
const VERSION_RE = /^\s{0,8}OpenSSH_[\w.]{1,40}[, ]/;
/** An `ls -l` line: type + 9 mode characters, optional ACL/xattr/SELinux marker, link count. */
export const LS_LINE_RE = /^[-dlcbpsD][rwxsStT-]{9}[.+@]?\s{1,8}\d{1,9}\s/;
// An icacls access entry: `TRUSTEE:(F)`, `TRUSTEE:(I)(OI)(CI)(RX)`, `TRUSTEE:(DENY)(W)`.
const ICACLS_RE = /:(?:\((?:I|OI|CI|IO|NP|DENY|F|M|RX|R|W|D|N|[A-Z]{1,4}(?:,[A-Z]{1,4}){0,20})\)){1,6}\s*$/;
// A config line: keyword, then whitespace or `=`, then a value.
const KEYWORD_RE = /^\s{0,16}([A-Za-z][A-Za-z0-9]{1,40})(?:\s{1,64}|\s{0,8}=\s{0,8})\S/;

/** Classifies a paste; never throws. `unknown` means empty, binary or no text at all. */
export function detectKind(text: string): PasteKind {
  const input = prepareInput(text);
  if (input.empty) return 'unknown';
  let debug = 0;
  let version = 0;
  let perms = 0;
  let keywords = 0;
  let content = 0;
  let negotiation = 0;
  // Client keywords sshd does not know (User, HostName, IdentityFile…), and the reverse.
  let clientOnly = 0;
  let serverOnly = 0;
  let hostLines = 0;
  // Keyword lines whose value looks like a setting (no colon, at most 4 words), for one-line pastes.
  let settingLike = 0;
  // The first 5,000 lines are plenty to tell the kinds apart.
  const n = Math.min(input.lines.length, 5000);
  for (let i = 0; i < n; i++) {
    const line = input.lines[i]!;
    const t = line.trim();
    if (t === '' || t.startsWith('#') || NEUTRAL_RE.test(t)) continue;
    content++;
    if (NEGOTIATION_RE.test(line)) negotiation++;
    if (DEBUG_RE.test(line)) debug++;
    else if (VERSION_RE.test(line)) version++;
    else if (LS_LINE_RE.test(t) || ICACLS_RE.test(t)) perms++;
    else {
      const m = KEYWORD_RE.exec(line);
      const server = m ? keywordInfo(m[1]!) : undefined;
      // "Host key verification failed." and other sentences that start with a client keyword are not settings.
      const client = m && !/^\s*Host\s+key\b|[.!:]\s*$/i.test(line) ? sshKeywordInfo(m[1]!) : undefined;
      if (client && !server) clientOnly++;
      if (server && !client) serverOnly++;
      if (client?.name === 'Host') hostLines++;
      if (m && (server || client)) {
        keywords++;
        const value = line.slice(m[0].length - 1);
        if (!value.includes(':') && value.trim().split(/\s+/).length <= 4) settingLike++;
      }
    }
  }
  if (content === 0) return 'unknown';
  if (debug >= 2 || (debug >= 1 && version >= 1)) return 'debug-log';
  if (negotiation >= 1) return 'negotiation';
  if (perms >= 1 && perms >= keywords) return 'permissions';
  const config = hostLines >= 1 || clientOnly > serverOnly ? 'ssh-config' : 'sshd-config';
  // A config is mostly keyword lines; one "Port 22" inside an error report is not a config.
  if (keywords >= 2 && keywords * 2 >= content) return config;
  if (settingLike >= 1 && settingLike === content) return config;
  if (!/[A-Za-z]{2}/.test(input.lines.slice(0, n).join('\n'))) return 'unknown';
  return 'error';
}

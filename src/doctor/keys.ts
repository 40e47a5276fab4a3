/**
 * The keys ssh would offer: the agent's (`ssh-add -l`) and the IdentityFile entries that exist,
 * with their file permissions (the rules of src/checks/permissions.ts, applied to `ls -ld`
 * output, exactly what a reader would paste) and their format (`ssh-keygen -y -P ''` loads the
 * key with an empty passphrase: it fails for an encrypted key and names a broken one). Read-only.
 */
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { checkPermissions } from '../checks/permissions.ts';
import { runCommand } from './processes.ts';

export interface AgentState {
  /** `no-socket`: SSH_AUTH_SOCK unset (or IdentityAgent none); `unreachable`: ssh-add could not connect. */
  status: 'keys' | 'empty' | 'no-socket' | 'unreachable';
  /** `256 SHA256:… comment (ED25519)` lines. */
  keys: { fingerprint: string; comment: string; type: string }[];
}

export interface KeyFile {
  path: string;
  exists: boolean;
  /** The mode problem, as permissions.ts words it, with its fix; null when the mode is fine. */
  permissionProblem: { message: string; fix: string } | null;
  /** `ok` loads without a passphrase; `encrypted` needs one; `invalid` / `libcrypto` broken; `unchecked` not loaded (bad mode). */
  format: 'ok' | 'encrypted' | 'invalid' | 'libcrypto' | 'unreadable' | 'unchecked';
  /** SHA256 fingerprint, when it could be read (from the key or its .pub). */
  fingerprint: string | null;
  inAgent: boolean;
}

export async function agentKeys(socket: string | null, env: Record<string, string | undefined>, timeoutMs: number): Promise<AgentState> {
  if (!socket) return { status: 'no-socket', keys: [] };
  const r = await runCommand('ssh-add', ['-l'], { env: { ...env, SSH_AUTH_SOCK: socket }, timeoutMs });
  if (r.code === 1 && /has no identities/.test(r.stdout + r.stderr)) return { status: 'empty', keys: [] };
  if (r.code !== 0) return { status: 'unreachable', keys: [] };
  const keys = r.stdout
    .split('\n')
    .map((l) => /^\d+ (\S+) (.*) \((\S+)\)$/.exec(l.trim()))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ fingerprint: m[1]!, comment: m[2]!, type: m[3]! }));
  return { status: keys.length ? 'keys' : 'empty', keys };
}

async function keyFingerprint(path: string, env: Record<string, string | undefined>, timeoutMs: number): Promise<string | null> {
  for (const p of [`${path}.pub`, path]) {
    if (!existsSync(p)) continue;
    const r = await runCommand('ssh-keygen', ['-l', '-f', p], { env, timeoutMs });
    const m = /^\d+ (SHA256:\S+)/.exec(r.stdout);
    if (m) return m[1]!;
  }
  return null;
}

export async function inspectKeyFile(path: string, agent: AgentState, env: Record<string, string | undefined>, timeoutMs: number): Promise<KeyFile> {
  const k: KeyFile = { path, exists: existsSync(path), permissionProblem: null, format: 'unchecked', fingerprint: null, inAgent: false };
  if (!k.exists) return k;
  const ls = await runCommand('ls', ['-ld', '--', path], { env: { ...env, LC_ALL: 'C' }, timeoutMs });
  const perms = checkPermissions(ls.stdout, { user: userInfo().username });
  // The file is an IdentityFile, so it is a private key whatever its name: an "if it is a key" finding counts too.
  const bad = perms.findings.find((f) => f.articleId === 'unprotected-private-key-file');
  if (bad) k.permissionProblem = { message: bad.message, fix: bad.fix };
  k.fingerprint = await keyFingerprint(path, env, timeoutMs);
  k.inAgent = k.fingerprint !== null && agent.keys.some((a) => a.fingerprint === k.fingerprint);
  if (k.permissionProblem) return k;
  const y = await runCommand('ssh-keygen', ['-y', '-P', '', '-f', path], { env, timeoutMs });
  const why = y.stderr + y.stdout;
  if (y.code === 0) k.format = 'ok';
  else if (/incorrect passphrase|passphrase is required/i.test(why)) k.format = 'encrypted';
  else if (/error in libcrypto/.test(why)) k.format = 'libcrypto';
  else if (/invalid format/.test(why)) k.format = 'invalid';
  else k.format = 'unreadable';
  return k;
}

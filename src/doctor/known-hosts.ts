/**
 * Host keys for the doctor: what known_hosts says about a name (`ssh-keygen -F`, which also
 * finds hashed entries), and the key the server presents now (`ssh-keyscan` for the one type
 * ssh would negotiate). Read-only: known_hosts files are never written.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { runCommand } from './processes.ts';

/** One known_hosts line that matched a name. */
export interface KnownKey {
  file: string;
  line: number | null;
  marker: '@revoked' | '@cert-authority' | null;
  keyType: string;
  /** The base64 key blob. */
  key: string;
}

/** The key type (as known_hosts stores it) behind a host key algorithm; null for certificates. */
export function keyTypeOf(algorithm: string): string | null {
  if (algorithm.includes('-cert-')) return null;
  if (algorithm === 'rsa-sha2-256' || algorithm === 'rsa-sha2-512') return 'ssh-rsa';
  return algorithm;
}

/** The short name of a key type (`ssh-keyscan -t`, host key file names): ed25519, rsa, ecdsa, dsa. */
export function shortKeyType(keyType: string): string {
  if (keyType === 'ssh-ed25519') return 'ed25519';
  if (keyType === 'ssh-rsa') return 'rsa';
  if (keyType === 'ssh-dss') return 'dsa';
  if (keyType.startsWith('ecdsa-')) return 'ecdsa';
  return keyType;
}

/** OpenSSH's SHA256 fingerprint of a base64 key blob. */
export function fingerprint(keyBase64: string): string {
  return `SHA256:${createHash('sha256').update(Buffer.from(keyBase64, 'base64')).digest('base64').replace(/=+$/, '')}`;
}

/** The known_hosts files ssh reads for this destination (`ssh -G` userknownhostsfile, globalknownhostsfile). */
export function knownHostsFiles(user: string | null, global: string | null): string[] {
  return [user, global].flatMap((v) => (v ?? '').split(/\s+/)).filter((f) => f && f !== 'none' && f !== '/dev/null' && existsSync(f));
}

/** Every entry for `name` in `files`. */
export async function lookupKnown(name: string, files: string[], env: Record<string, string | undefined>, timeoutMs: number): Promise<KnownKey[]> {
  const found: KnownKey[] = [];
  for (const file of files) {
    const r = await runCommand('ssh-keygen', ['-F', name, '-f', file], { env, timeoutMs });
    let line: number | null = null;
    for (const l of r.stdout.split('\n')) {
      const header = /^# Host .* found: line (\d+)/.exec(l);
      if (header) {
        line = Number(header[1]);
        continue;
      }
      if (!l.trim() || l.startsWith('#')) continue;
      const f = l.trim().split(/\s+/);
      const marker = f[0] === '@revoked' || f[0] === '@cert-authority' ? (f.shift() as KnownKey['marker']) : null;
      if (f.length >= 3) found.push({ file, line, marker, keyType: f[1]!, key: f[2]! });
    }
  }
  return found;
}

/** The server's current key of `keyType`, or null (scan failed, timed out, no such key). */
export async function scanHostKey(host: string, port: number, keyType: string, env: Record<string, string | undefined>, timeoutMs: number): Promise<{ keyType: string; key: string } | null> {
  const seconds = String(Math.max(1, Math.ceil(timeoutMs / 1000)));
  const r = await runCommand('ssh-keyscan', ['-T', seconds, '-p', String(port), '-t', shortKeyType(keyType), '--', host], { env, timeoutMs: timeoutMs + 2000 });
  for (const l of r.stdout.split('\n')) {
    const f = l.trim().split(/\s+/);
    if (f.length >= 3 && !l.startsWith('#') && (f[1] === keyType || shortKeyType(f[1]!) === shortKeyType(keyType))) return { keyType: f[1]!, key: f[2]! };
  }
  return null;
}

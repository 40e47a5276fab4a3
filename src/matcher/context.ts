/**
 * Does a paste show that it is about SSH? Some wordings an article covers are printed by programs
 * that have nothing to do with SSH too (`dial tcp 10.96.0.1:443: i/o timeout` from kubectl,
 * `connect ECONNREFUSED 127.0.0.1:5432` from a database driver). A hit on such a `shared`
 * template counts only when the paste matched an SSH-only template as well, or names SSH, one of
 * its programs or libraries, or port 22.
 */
import type { Hit } from './scan.ts';
import type { NormLine } from './normalize.ts';

// Bounded and literal-only: one linear pass per line, whatever the input.
export const SSH_CONTEXT_RE = /ssh|sftp|\bscp\b|rsync|putty|plink|winscp|paramiko|jsch|dropbear|:22\b|\bport 22\b/i;

export function showsSsh(hits: readonly Hit[], lines: readonly NormLine[]): boolean {
  if (hits.some((h) => !h.template.shared)) return true;
  return lines.some((l) => SSH_CONTEXT_RE.test(l.orig));
}

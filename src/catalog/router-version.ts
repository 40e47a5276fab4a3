/**
 * The router version: `<package version>+<8 hex digits>`, the digits a hash over the compiled
 * rules and the matcher's source. It changes whenever an article's messages, stage, kind or
 * outranks change, or the matching and ranking code does, so a ticket that records it (the
 * report link, `/errors.json`, `sshfix route --json`) says which router gave its answer.
 *
 * `computeRouterVersion` is pure (no file access), for bundles that compute the version at build
 * time; `routerVersion` is the Node convenience that reads package.json and src/matcher/*.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Rule } from '../matcher/types.ts';
import { ROOT } from './load.ts';

const MATCHER_DIR = join(ROOT, 'src/matcher');

/** FNV-1a, 32 bits: enough to tell router versions apart, and the same in every JavaScript runtime. */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/**
 * The version for these rules and matcher sources. `matcherSources` are the texts of the
 * matcher's modules in file-name order; line endings are normalised, so a Windows checkout
 * gives the same version.
 */
export function computeRouterVersion(packageVersion: string, rules: readonly Rule[], matcherSources: readonly string[]): string {
  const sources = matcherSources.map((s) => s.replace(/\r\n?/g, '\n'));
  return `${packageVersion}+${fnv1a([JSON.stringify(rules), ...sources].join('\0'))}`;
}

/** Node only: the matcher's module sources, in file-name order. */
export function readMatcherSources(): string[] {
  return readdirSync(MATCHER_DIR)
    .filter((f) => f.endsWith('.ts'))
    .sort()
    .map((f) => readFileSync(join(MATCHER_DIR, f), 'utf8'));
}

/** Node only: the version of this checkout's router for `rules`. */
export function routerVersion(rules: readonly Rule[]): string {
  const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  return computeRouterVersion(version, rules, readMatcherSources());
}

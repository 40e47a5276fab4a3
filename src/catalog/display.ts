/** Helpers for showing catalog data to readers (pure: used by pages, the embed and the CLI). */

import type { ArticleData } from './schema.ts';

/** Where the fix runs, as the article header says it. */
export const SIDE_LABELS: Record<ArticleData['side'], string> = {
  client: 'your computer (the client)',
  server: 'the server',
  both: 'the client and the server',
};

/** The badge of an article that is not an error (an error needs none). */
export const KIND_BADGES: Record<ArticleData['kind'], string | undefined> = {
  error: undefined,
  wrapper: "A tool's summary",
  warning: 'Warning',
  info: 'Not an error',
};

export type TemplatePart = { literal: string } | { placeholder: string };

/** Split a message template into literal text and placeholders, for display as `HOST`, `PORT`… */
export function templateParts(template: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let last = 0;
  for (const m of template.matchAll(/\{([a-z]+)\}/g)) {
    if (m.index > last) parts.push({ literal: template.slice(last, m.index) });
    parts.push({ placeholder: m[1] });
    last = m.index + m[0].length;
  }
  if (last < template.length) parts.push({ literal: template.slice(last) });
  return parts;
}

/** A template as plain text with placeholders in capitals: `connect to host HOST port PORT`. */
export function templateText(template: string): string {
  return templateParts(template)
    .map((p) => ('literal' in p ? p.literal : p.placeholder.toUpperCase()))
    .join('');
}

/** What a reader's terminal would show in place of each placeholder. */
const EXAMPLE_VALUES: Record<string, string> = {
  host: 'server.example.com',
  addr: '203.0.113.10',
  port: '22',
  user: 'alice',
  path: '/home/alice/.ssh/id_ed25519',
  n: '3',
  alg: 'ssh-rsa',
  list: 'ssh-rsa,ssh-dss',
  text: 'reason',
};

/** A template filled with realistic values, as a reader would paste it (search tests and benchmarks). */
export function exampleMessage(template: string): string {
  return templateParts(template)
    .map((p) => ('literal' in p ? p.literal : (EXAMPLE_VALUES[p.placeholder] ?? p.placeholder)))
    .join('');
}

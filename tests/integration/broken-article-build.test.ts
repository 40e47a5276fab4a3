/**
 * A real `astro build` of a copy of the project with one broken article must stop before
 * rendering anything and name the file and the field, so an author can fix it without guessing.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;
const copy = mkdtempSync(join(tmpdir(), 'sshfix-broken-'));
for (const f of ['astro.config.mjs', 'package.json', 'tsconfig.json', 'src', 'content', 'public']) cpSync(join(root, f), join(copy, f), { recursive: true });
symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'));
afterAll(() => rmSync(copy, { recursive: true, force: true }));

function buildWith(file: string, edit: (source: string) => string) {
  const path = join(copy, 'content/errors', file);
  const original = readFileSync(path, 'utf8');
  writeFileSync(path, edit(original));
  try {
    return spawnSync('npx', ['astro', 'build'], { cwd: copy, encoding: 'utf8', timeout: 120_000 });
  } finally {
    writeFileSync(path, original);
  }
}

describe('a build with a broken article', () => {
  it('fails naming the file and the frontmatter field', () => {
    const run = buildWith('connection-refused.mdx', (s) => s.replace(/^stage: .*$/m, 'stage: handshake'));
    expect(run.status).not.toBe(0);
    expect(run.stdout + run.stderr).toContain('content/errors/connection-refused.mdx: field "stage"');
    expect(run.stdout + run.stderr).not.toContain('Complete!');
  }, 150_000);

  it('fails naming the file and the body rule for forbidden advice', () => {
    const run = buildWith('connection-refused.mdx', (s) => s.replace('## Verify the fix', '## Verify the fix\n\n```sh\nsudo pkill -9 sshd\n```'));
    expect(run.status).not.toBe(0);
    expect(run.stdout + run.stderr).toMatch(/content\/errors\/connection-refused\.mdx: \[forbidden:pkill-sshd\]/);
  }, 150_000);
});

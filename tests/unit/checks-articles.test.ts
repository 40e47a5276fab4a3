import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { CHECK_ARTICLE_IDS } from '../../src/checks/articles.ts';
import { analyzeLog } from '../../src/checks/log-timeline.ts';
import { checkPermissions } from '../../src/checks/permissions.ts';
import { checkSshdConfig } from '../../src/checks/sshd-config.ts';
import { fixture, fixtureNames } from '../fixtures/checks/fixtures.ts';

// The URL contract: every id a check links to must be a published article id.
const ids = new Set(
  readFileSync(new URL('../../content/ids.tsv', import.meta.url), 'utf8')
    .split('\n')
    .slice(1)
    .map((l) => l.split('\t')[0]!.trim())
    .filter(Boolean),
);

describe('check article ids', () => {
  it('every id in CHECK_ARTICLES is in content/ids.tsv', () => {
    for (const id of CHECK_ARTICLE_IDS) expect(ids, id).toContain(id);
  });

  it('every finding on every fixture links to a contract id (or null)', () => {
    const all = [
      ...fixtureNames('logs').flatMap((f) => analyzeLog(fixture('logs', f)).findings),
      ...fixtureNames('logs').map((f) => analyzeLog(fixture('logs', f)).failure?.articleId ?? null),
      ...fixtureNames('perms').flatMap((f) => checkPermissions(fixture('perms', f)).findings),
      ...fixtureNames('sshd-config').flatMap((f) => checkSshdConfig(fixture('sshd-config', f), { user: 'alice' }).findings),
    ];
    for (const x of all) {
      const id = x === null || typeof x === 'string' ? x : x.articleId;
      if (id !== null) expect(ids, String(id)).toContain(id);
    }
  });
});

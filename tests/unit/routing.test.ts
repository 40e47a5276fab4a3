/**
 * Routing against the real catalog: every fixture in tests/fixtures/pastes/<id>/*.txt must route
 * to <id> as its top answer (`none/` must give no answer), every article needs at least two
 * fixtures, and every `symptoms` phrase, typed in a sentence, leads to its article. One test per
 * fixture or phrase, named by it, so a failure says which one broke.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, readArticles } from '../../src/catalog/load.ts';
import { loadRules, toRules } from '../../src/catalog/rules.ts';
import { createMatcher, type Rule } from '../../src/matcher/index.ts';

const PASTES = join(ROOT, 'tests/fixtures/pastes');
const MIN_FIXTURES = 2;

/** A fixture file: a `---\nsource: …\n---\n` header, then the paste. */
export function readFixture(file: string): { source: string; paste: string } {
  const text = readFileSync(file, 'utf8');
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(text);
  if (!m) return { source: '', paste: text };
  const source = /^source:\s*(.*)$/m.exec(m[1])?.[1] ?? '';
  return { source, paste: text.slice(m[0].length) };
}

const folders = readdirSync(PASTES)
  .filter((d) => statSync(join(PASTES, d)).isDirectory())
  .sort();
const fixtures = folders.flatMap((id) =>
  readdirSync(join(PASTES, id))
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => ({ id, file: join(PASTES, id, f) })),
);

// loadRules() cross-checks the whole catalog and throws while articles are still being written;
// then the per-fixture tests still run on the articles that parse, and one test reports why.
let rules: Rule[];
let loadError: Error | null = null;
try {
  rules = loadRules();
} catch (e) {
  loadError = e as Error;
  rules = toRules(readArticles().articles);
}
const matcher = createMatcher(rules);
const articleIds = rules.map((r) => r.id);

describe('routing', () => {
  it('loads the catalog with loadRules()', () => {
    expect(loadError?.message ?? null).toBeNull();
  });

  for (const { id, file } of fixtures) {
    it(relative(ROOT, file), () => {
      const { source, paste } = readFixture(file);
      expect(source, 'the fixture header needs a `source:` line').not.toBe('');
      const r = matcher.match(paste);
      const got = r.best?.id ?? null;
      const detail = r.best
        ? `${got} (${r.best.via}, ${r.best.confidence}) from line ${r.best.evidence.line}: ${r.best.evidence.text}; runners-up: ${r.alternatives.map((a) => a.id).join(', ') || 'none'}`
        : `null (${r.notice})`;
      expect(got, detail).toBe(id === 'none' ? null : id);
    });
  }

  // Each phrase an article lists as a reader's own words must lead there when typed in a sentence
  // about SSH: a phrase another article's words outscore is a phrase that never answers.
  for (const r of rules) {
    for (const phrase of r.symptoms ?? []) {
      it(`symptom of ${r.id}: "${phrase}"`, () => {
        const typed = `Since this morning, ssh from my laptop says ${phrase} and nothing else.`;
        expect(matcher.match(typed).best?.id ?? null, typed).toBe(r.id);
      });
    }
  }

  it('fixture folders are article ids (or none)', () => {
    const unknown = folders.filter((d) => d !== 'none' && !articleIds.includes(d));
    expect(unknown, `folders with no article: ${unknown.join(', ')}`).toEqual([]);
  });

  it(`every article has at least ${MIN_FIXTURES} fixtures`, () => {
    const count = new Map<string, number>();
    for (const f of fixtures) count.set(f.id, (count.get(f.id) ?? 0) + 1);
    const lacking = articleIds.filter((id) => (count.get(id) ?? 0) < MIN_FIXTURES).sort();
    expect(lacking, `articles with fewer than ${MIN_FIXTURES} fixtures: ${lacking.map((id) => `${id} (${count.get(id) ?? 0})`).join(', ')}`).toEqual([]);
  });
});

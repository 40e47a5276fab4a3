/**
 * Routing accuracy (`npm run bench -- routing`): top-1 answers per fixture set and, for the
 * real-paste corpus, per paste shape, with every miss listed.
 *
 * Sets: `captured` (real OpenSSH output from the capture scenarios), `researched` (tool and
 * library wordings, tickets, CI logs), `none` (non-SSH text: must give no answer), and the two
 * corpus halves. A corpus paste labelled `uncovered` (an SSH failure no article covers) is counted
 * apart: it has no right answer yet, so it is neither a hit nor a miss.
 */
import { loadRules, toRules } from '../../src/catalog/rules.ts';
import { readArticles } from '../../src/catalog/load.ts';
import { createMatcher, type Matcher, type Rule } from '../../src/matcher/index.ts';
import { answerOf, CORPUS_HALVES, corpusFixtures, expectedAnswer, pasteFixtures, type Fixture } from '../../tests/fixtures/read.ts';

export const name = 'routing';

function rules(): Rule[] {
  try {
    return loadRules();
  } catch {
    return toRules(readArticles().articles);
  }
}

interface Tally {
  right: number;
  total: number;
  misses: string[];
}

function tally(matcher: Matcher, fixtures: Fixture[]): Tally {
  const t: Tally = { right: 0, total: 0, misses: [] };
  for (const f of fixtures) {
    const want = expectedAnswer(f);
    if (want === undefined) continue;
    const r = matcher.match(f.paste);
    const got = answerOf(r);
    t.total++;
    if (got === want) t.right++;
    else t.misses.push(`${f.rel} [${f.kind}]: want ${want ?? 'none'}, got ${got ?? 'none'}${r.best ? ` (${r.best.via} ${r.best.confidence})` : ''}`);
  }
  return t;
}

const pct = (t: Tally) => (t.total ? Math.round((1000 * t.right) / t.total) / 10 : 0);

export async function run(): Promise<Record<string, number | string>> {
  const matcher = createMatcher(rules());
  const out: Record<string, number | string> = {};
  const report = (key: string, t: Tally, list = true) => {
    out[`${key}_top1_pct`] = pct(t);
    out[`${key}_right_of`] = `${t.right}/${t.total}`;
    if (list) t.misses.forEach((m, i) => (out[`${key}_miss_${i + 1}`] = m));
  };

  const pastes = pasteFixtures();
  report('captured', tally(matcher, pastes.filter((f) => f.kind === 'captured' && f.label !== 'none')));
  report('researched', tally(matcher, pastes.filter((f) => f.kind === 'researched' && f.label !== 'none')));
  report('none', tally(matcher, pastes.filter((f) => f.label === 'none')));

  for (const half of CORPUS_HALVES) {
    const corpus = corpusFixtures(half);
    if (corpus.length === 0) continue;
    const routable = corpus.filter((f) => f.label !== 'none');
    report(`corpus_${half}`, tally(matcher, routable), false);
    report(`corpus_${half}_none`, tally(matcher, corpus.filter((f) => f.label === 'none')), false);
    out[`corpus_${half}_uncovered`] = corpus.filter((f) => f.label === 'uncovered').length;
    for (const kind of [...new Set(routable.map((f) => f.kind))].sort()) {
      report(`corpus_${half}_${kind}`, tally(matcher, routable.filter((f) => f.kind === kind)), false);
    }
    // Misses once, after the per-class figures.
    tally(matcher, corpus).misses.forEach((m, i) => (out[`corpus_${half}_miss_${i + 1}`] = m));
  }
  return out;
}

/**
 * `npm run lint:content`: validate every article (schema, cross-references, body rules, verdict
 * blocks) and list every problem; also require guided checks on the most visited articles (not
 * a build failure: the build only rejects broken blocks, not missing ones).
 */
import { contentProblems } from '../src/catalog/lint.ts';
import { missingGuided } from '../src/guided/coverage.ts';
import { realPasteCounts } from '../tests/fixtures/read.ts';

const { articles, messages } = contentProblems();
const missing = missingGuided(articles, realPasteCounts());
if (missing.length) {
  messages.push(
    `[guided-checks] ${missing.length} cause(s) of the most visited articles have a check command but no \`verdict\` block (content/README.md, "Guided checks"):\n` +
      missing.map((m) => `  content/errors/${m.id}.mdx#${m.cause}`).join('\n'),
  );
}
if (messages.length) {
  console.error(messages.join('\n'));
  console.error(`\n${messages.length} problem(s) in content/errors/`);
  process.exit(1);
}
console.log(`${articles.length} articles OK`);

/** `npm run lint:content`: validate every article (schema, cross-references, body rules) and list every problem. */
import { contentProblems } from '../src/catalog/lint.ts';

const { articles, messages } = contentProblems();
if (messages.length) {
  console.error(messages.join('\n'));
  console.error(`\n${messages.length} problem(s) in content/errors/`);
  process.exit(1);
}
console.log(`${articles.length} articles OK`);

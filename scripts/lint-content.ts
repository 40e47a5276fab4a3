/** `npm run lint:content`: validate every article (schema, cross-references, body rules) and list every problem. */
import { catalogProblems, readArticles, readIdContract } from '../src/catalog/load.ts';
import { lintArticle } from '../src/catalog/lint.ts';

const { articles, problems } = readArticles();
const messages = [
  ...problems.map((p) => p.message),
  ...catalogProblems(articles, readIdContract()).map((p) => p.message),
  ...articles.flatMap(lintArticle).map((p) => `${p.file}: [${p.rule}] ${p.message}`),
];
if (messages.length) {
  console.error(messages.join('\n'));
  console.error(`\n${messages.length} problem(s) in content/errors/`);
  process.exit(1);
}
console.log(`${articles.length} articles OK`);

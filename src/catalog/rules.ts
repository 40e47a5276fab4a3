/**
 * Matcher rules derived from article frontmatter. The rules are never written by hand: an
 * article's `messages`, `stage`, `kind`, `symptoms`, `outranks` and `mentions` are the whole routing contract.
 */
import type { Rule } from '../matcher/types.ts';
import { loadArticles } from './load.ts';
import { listedMessages, STAGES, type ArticleData } from './schema.ts';

/** Rules from articles: works for Astro collection entries and for `loadArticles()` results alike. */
export function toRules(articles: readonly { id: string; data: ArticleData }[]): Rule[] {
  return articles.map(({ id, data }) => ({
    id,
    title: data.title,
    stage: data.stage,
    stageRank: STAGES.indexOf(data.stage),
    kind: data.kind ?? 'error',
    messages: listedMessages(data.messages).filter((m) => !m.shared).map((m) => m.text),
    shared: listedMessages(data.messages).filter((m) => m.shared).map((m) => m.text),
    guesses: data.messages.filter((m) => m.guess).map((m) => m.text),
    stalls: data.messages.filter((m) => m.stall).map((m) => m.text),
    prompts: data.messages.filter((m) => m.prompt && !m.again).map((m) => m.text),
    promptsAgain: data.messages.filter((m) => m.prompt && m.again).map((m) => m.text),
    promptClaims: [...new Set(data.messages.flatMap((m) => m.prompt ?? []))],
    symptoms: [...(data.symptoms ?? [])],
    outranks: [...(data.outranks ?? [])],
    mentions: [...(data.mentions ?? [])],
  }));
}

/** Node only (reads content/errors/): the rules of every article. Browser code gets rules from the build. */
export function loadRules(): Rule[] {
  return toRules(loadArticles());
}

/**
 * Turns what a reader typed or pasted into a Pagefind query. Pagefind requires every query word
 * that exists anywhere in the index to match, so a raw error line full of host names, paths and
 * numbers finds nothing. When the matcher recognised a message, the query is that message's own
 * literal words; otherwise the input's words minus everything that varies between machines.
 */
import type { MatchResult, Rule } from '../matcher/types.ts';

const WORD = /[\p{L}\p{N}_]+(?:-[\p{L}\p{N}_]+)*/gu;
const MAX_WORDS = 10;

const words = (text: string) => (text.toLowerCase().match(WORD) ?? []).filter((w) => w.length > 1);

/** The words of a message template, without its placeholders. */
export function templateWords(template: string): string[] {
  return [...new Set(words(template.replace(/\{[a-z]+\}/g, ' ')))];
}

/** A whitespace-separated token that names something on the reader's machine rather than the error. */
function isVolatile(token: string): boolean {
  return (
    /\d/.test(token) || // ports, addresses, pids, versions, times
    /[/\\@]/.test(token) || // paths, user@host
    /\w[.:]\w/.test(token) || // host.names, key:value, ipv6
    /^["'].*["']?$/.test(token) // quoted names
  );
}

/** The Pagefind query for an input, given the matcher's answer for it (if any). */
export function searchQuery(input: string, result: MatchResult | null, rules: readonly Rule[]): string {
  const best = result?.best;
  const rule = best && best.via === 'template' ? rules.find((r) => r.id === best.id) : undefined;
  if (rule && best) {
    const seen = new Set(words(best.evidence.text));
    const scored = [...rule.messages, ...(rule.shared ?? [])]
      .map((m) => templateWords(m))
      .map((ws) => ({ ws, hits: ws.filter((w) => seen.has(w)).length }))
      // Most words in common first; on a tie, the template with the fewest words the input lacks
      // (`Failed to add the host to …` rather than its longer `… host key for IP address …` twin).
      .sort((a, b) => b.hits - a.hits || a.ws.length - a.hits - (b.ws.length - b.hits));
    if (scored[0] && scored[0].hits > 0) return scored[0].ws.slice(0, MAX_WORDS).join(' ');
  }
  const kept = input
    .slice(0, 500)
    .split(/\s+/)
    .filter((t) => t && !isVolatile(t))
    .flatMap(words);
  return [...new Set(kept)].slice(0, MAX_WORDS).join(' ');
}

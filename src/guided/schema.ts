/**
 * The schema of a `verdict` block: the data beside a cause's check command that says which
 * output confirms the cause, which rules it out, and where to go next (content/README.md,
 * "Guided checks"). Validated at build time and by `npm run lint:content`; the compiled blocks
 * are what the page's engine (src/guided/engine.ts) interprets.
 */
import { z } from 'zod';
import { compilePattern } from './pattern.ts';
import { PARSERS, PARSER_NAMES, factTypes, type ParserName } from './vocabulary.ts';

const CAUSE_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const scalar = z.union([z.string().min(1).max(200), z.number().finite(), z.boolean()]);
const condition = z.record(z.string(), z.union([scalar, z.array(scalar).min(1).max(20)]));

export const ruleSchema = z
  .object({
    /** Some record of the output has all these facts (a list value means any of them). */
    when: condition.optional(),
    /** The output was recognised and no record has all these facts. */
    none: condition.optional(),
    /** Some line matches this pattern (src/guided/pattern.ts); that line is the proof. */
    match: z.string().optional(),
    /** No line matches this pattern (and the output is not empty). */
    absent: z.string().optional(),
    /** Beside `match:`, another line must match this pattern too (two lines that decide only together). */
    also: z.string().optional(),
    /** The command printed nothing (the box offers an "It printed nothing" button). */
    empty: z.literal(true).optional(),
    /** The one-line answer the reader sees. */
    say: z.string().trim().min(3).max(240),
    /** rulesOut only: the cause this answer points to, when it is not the block's `next`. */
    next: z.string().regex(CAUSE_ID, 'must be a cause id (lowercase-hyphenated)').optional(),
  })
  .strict()
  .superRefine((rule, ctx) => {
    const tests = (['when', 'none', 'match', 'absent'] as const).filter((k) => rule[k] !== undefined);
    if (rule.empty && tests.length) ctx.addIssue({ code: 'custom', path: ['empty'], message: '`empty: true` stands alone (no when/none/match beside it)' });
    if (!rule.empty && tests.length === 0) ctx.addIssue({ code: 'custom', path: [], message: 'a rule needs `when:`, `none:`, `match:`, `absent:` or `empty: true`' });
    if (rule.absent !== undefined && rule.when === undefined && rule.match === undefined && rule.none === undefined) {
      ctx.addIssue({ code: 'custom', path: ['absent'], message: '`absent:` needs a `when:`, `none:` or `match:` beside it (any unrelated text lacks the pattern too)' });
    }
    for (const key of ['when', 'none'] as const) {
      if (rule[key] && Object.keys(rule[key]!).length === 0) ctx.addIssue({ code: 'custom', path: [key], message: `\`${key}:\` names no fact` });
    }
    if (rule.also !== undefined && rule.match === undefined) ctx.addIssue({ code: 'custom', path: ['also'], message: '`also:` needs a `match:` beside it' });
    for (const key of ['match', 'absent', 'also'] as const) {
      if (rule[key] === undefined) continue;
      const compiled = compilePattern(rule[key]);
      if ('error' in compiled) ctx.addIssue({ code: 'custom', path: [key], message: compiled.error });
    }
  });

const parserName = z.enum(PARSER_NAMES as [ParserName, ...ParserName[]]);

export const verdictSchema = z
  .object({
    /** Which parser(s) read the output: one name or a list (a check block with two commands). */
    check: z.union([parserName, z.array(parserName).min(1).max(4)]).transform((c) => (Array.isArray(c) ? c : [c])),
    /** The command whose output the box reads; "can't tell" asks the reader to run it. */
    run: z.string().trim().min(2).max(300),
    confirms: z.array(ruleSchema).min(1).max(20),
    rulesOut: z.array(ruleSchema).min(1).max(20),
    /** The cause to look at when this one is ruled out; defaults to the next cause of the article. */
    next: z.string().regex(CAUSE_ID, 'must be a cause id (lowercase-hyphenated)').optional(),
  })
  .strict()
  .superRefine((block, ctx) => {
    block.confirms.forEach((rule, i) => {
      if (rule.next !== undefined) ctx.addIssue({ code: 'custom', path: ['confirms', i, 'next'], message: '`next:` belongs to a rulesOut rule (where to go when this cause is ruled out)' });
    });
    const types = factTypes(block.check);
    for (const list of ['confirms', 'rulesOut'] as const) {
      block[list].forEach((rule, i) => {
        for (const key of ['when', 'none'] as const) {
          for (const [fact, value] of Object.entries(rule[key] ?? {})) {
            const type = types.get(fact);
            const path = [list, i, key, fact];
            if (!type) {
              const known = block.check.map((p) => `${p}: ${Object.keys(PARSERS[p].facts).join(', ') || '(none)'}`).join('; ');
              ctx.addIssue({ code: 'custom', path, message: `"${fact}" is not a fact of ${block.check.join(', ')} (facts: ${known})` });
              continue;
            }
            for (const v of Array.isArray(value) ? value : [value]) {
              if (typeof v !== type) ctx.addIssue({ code: 'custom', path, message: `"${fact}" is a ${type}, not ${JSON.stringify(v)}` });
            }
          }
        }
      });
    }
  });

export type VerdictRule = z.infer<typeof ruleSchema>;
/** A validated verdict block, as written (check normalised to a list). */
export type VerdictBlock = z.output<typeof verdictSchema>;

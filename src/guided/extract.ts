/**
 * Finds the `verdict` blocks of an article body, validates them and compiles them into what
 * the page needs (next cause resolved). One function for the content lint, the build's remark
 * plugin and the tests, so a broken block fails everywhere with the same message naming the
 * file, the cause id and the field.
 */
import { parse as parseYaml } from 'yaml';
import { verdictSchema, type VerdictBlock } from './schema.ts';
import { VERDICT_LANG } from './vocabulary.ts';

/** A verdict block ready for the page: what the engine interprets. */
export interface CompiledVerdict extends Omit<VerdictBlock, 'next'> {
  cause: string;
  /** The cause to check when this one is ruled out, or null after the last cause. */
  next: string | null;
}

export interface CauseChecks {
  id: string;
  title: string;
  /** True when the cause has a code block other than verdict blocks (a check command). */
  hasCheck: boolean;
  verdicts: CompiledVerdict[];
}

export interface GuidedProblem {
  file: string;
  cause: string;
  field: string;
  message: string;
}

export function formatProblem(p: GuidedProblem): string {
  return `${p.file}: cause "${p.cause}"${p.field ? `: field "${p.field}"` : ''}: ${p.message}`;
}

const CAUSE_RE = /<Cause(\s[^>]*)?>([\s\S]*?)<\/Cause>/g;
const FENCE_RE = /^(`{3,}|~{3,})([^\n`]*)\n([\s\S]*?)^\1[ \t]*$/gm;

function attr(attrs: string, name: string): string {
  return new RegExp(`\\b${name}\\s*=\\s*"([^"]*)"`).exec(attrs)?.[1] ?? '';
}

/** The YAML of a verdict fence, validated; problems carry the field path inside the block. */
export function parseVerdictYaml(yaml: string): { block?: VerdictBlock; problems: { field: string; message: string }[] } {
  let data: unknown;
  try {
    data = parseYaml(yaml);
  } catch (e) {
    return { problems: [{ field: '', message: `the verdict block is not valid YAML: ${(e as Error).message.split('\n')[0]}` }] };
  }
  const result = verdictSchema.safeParse(data ?? {});
  if (result.success) return { block: result.data, problems: [] };
  return { problems: result.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })) };
}

/** A cause as found in the source, before its verdict blocks are validated. */
export interface RawCause {
  id: string;
  title: string;
  hasCheck: boolean;
  /** The YAML of each verdict block, in order. */
  blocks: string[];
}

/** Validates every block and resolves `next` (default: the following cause; a rulesOut rule may name its own). */
export function compileCauses(raw: readonly RawCause[], file: string): { causes: CauseChecks[]; problems: GuidedProblem[] } {
  const problems: GuidedProblem[] = [];
  const ids = raw.map((c) => c.id);
  const causes = raw.map((c, index): CauseChecks => {
    const verdicts: CompiledVerdict[] = [];
    for (const yaml of c.blocks) {
      const { block, problems: found } = parseVerdictYaml(yaml);
      problems.push(...found.map((p) => ({ file, cause: c.id, ...p })));
      if (!block) continue;
      /** Whether `target` (a block's or a rulesOut rule's `next`) names another cause of this article. */
      const validNext = (target: string | undefined, field: string): target is string => {
        if (target === undefined) return false;
        if (target === c.id) problems.push({ file, cause: c.id, field, message: 'a cause cannot be its own next cause' });
        else if (!ids.includes(target)) problems.push({ file, cause: c.id, field, message: `"${target}" is not a cause of this article (causes: ${ids.join(', ')})` });
        else return true;
        return false;
      };
      const next = validNext(block.next, 'next') ? block.next! : (ids[index + 1] ?? null);
      block.rulesOut.forEach((rule, i) => validNext(rule.next, `rulesOut.${i}.next`));
      verdicts.push({ ...block, cause: c.id, next });
    }
    return { id: c.id, title: c.title, hasCheck: c.hasCheck, verdicts };
  });
  return { causes, problems };
}

/** Every cause of an article body with its check status and compiled verdicts, plus every problem found. */
export function extractGuided(body: string, file: string): { causes: CauseChecks[]; problems: GuidedProblem[] } {
  const raw: RawCause[] = [];
  for (const m of body.matchAll(CAUSE_RE)) {
    const cause: RawCause = { id: attr(m[1] ?? '', 'id'), title: attr(m[1] ?? '', 'title'), hasCheck: false, blocks: [] };
    for (const f of m[2].matchAll(FENCE_RE)) {
      if (f[2].trim() === VERDICT_LANG) cause.blocks.push(f[3]);
      else cause.hasCheck = true;
    }
    raw.push(cause);
  }
  const { causes, problems } = compileCauses(raw, file);
  for (const f of body.replace(CAUSE_RE, '').matchAll(FENCE_RE)) {
    if (f[2].trim() === VERDICT_LANG) problems.push({ file, cause: '', field: '', message: 'a verdict block must be inside a <Cause>' });
  }
  return { causes, problems };
}

/**
 * Lifts each cause's `verdict` blocks (content/README.md, "Guided checks") out of the rendered
 * article: the block is validated and compiled at build time and replaced, where it stood, by a
 * <GuidedCheck> element carrying the compiled data, so the page never shows the raw YAML and
 * the box's script never parses content. A broken block fails the build naming the file, the
 * cause and the field.
 */
import { compileCauses, formatProblem, type CompiledVerdict, type RawCause } from '../guided/extract.ts';
import { VERDICT_LANG } from '../guided/vocabulary.ts';

interface Node {
  type: string;
  name?: string | null;
  lang?: string | null;
  value?: string;
  attributes?: { type: string; name?: string; value?: unknown }[];
  children?: Node[];
}

/** What the <GuidedCheck> box renders from: the verdict plus where its links go. */
export interface GuidedBoxProps {
  verdict: CompiledVerdict;
  /** The box's own anchor: `check-<cause>` (then `-2`, `-3` for a cause's further boxes). */
  boxId: string;
  /** Where "not this cause" leads: the next cause's box, or its heading, or "Verify the fix". */
  nextHref: string;
  nextTitle: string;
}

function attribute(node: Node, name: string): string {
  const a = node.attributes?.find((x) => x.type === 'mdxJsxAttribute' && x.name === name);
  return typeof a?.value === 'string' ? a.value : '';
}

/** Verdict code nodes under a cause (tabs included), with the parent array that holds each. */
function collect(node: Node, cause: RawCause, found: { parent: Node[]; node: Node }[]) {
  for (const child of node.children ?? []) {
    if (child.type === 'code' && child.lang === VERDICT_LANG) {
      cause.blocks.push(child.value ?? '');
      found.push({ parent: node.children!, node: child });
    } else {
      if (child.type === 'code') cause.hasCheck = true;
      collect(child, cause, found);
    }
  }
}

function causesOf(node: Node, out: { raw: RawCause; found: { parent: Node[]; node: Node }[] }[]) {
  for (const child of node.children ?? []) {
    if (child.type === 'mdxJsxFlowElement' && child.name === 'Cause') {
      const raw: RawCause = { id: attribute(child, 'id'), title: attribute(child, 'title'), hasCheck: false, blocks: [] };
      const found: { parent: Node[]; node: Node }[] = [];
      collect(child, raw, found);
      out.push({ raw, found });
    } else causesOf(child, out);
  }
}

export function remarkVerdicts() {
  return (tree: Node, file: { path?: string }) => {
    const causes: { raw: RawCause; found: { parent: Node[]; node: Node }[] }[] = [];
    causesOf(tree, causes);
    if (!causes.some((c) => c.found.length)) return;
    const name = file.path?.replace(/^.*?(content[\\/])/, '$1') ?? 'article';
    const { causes: compiled, problems } = compileCauses(
      causes.map((c) => c.raw),
      name,
    );
    if (problems.length) throw new Error(`Broken verdict blocks:\n${problems.map(formatProblem).join('\n')}`);
    const firstBox = new Map(compiled.filter((c) => c.verdicts.length).map((c) => [c.id, `check-${c.id}`]));
    causes.forEach(({ found }, i) => {
      const cause = compiled[i];
      found.forEach(({ parent, node }, n) => {
        const verdict = cause.verdicts[n];
        const next = compiled.find((c) => c.id === verdict.next);
        const props: GuidedBoxProps = {
          verdict,
          boxId: n === 0 ? `check-${cause.id}` : `check-${cause.id}-${n + 1}`,
          nextHref: next ? `#${firstBox.get(next.id) ?? next.id}` : '#verify-the-fix',
          nextTitle: next ? next.title : 'Verify the fix',
        };
        const element: Node = {
          type: 'mdxJsxFlowElement',
          name: 'GuidedCheck',
          attributes: [{ type: 'mdxJsxAttribute', name: 'box', value: JSON.stringify(props) }],
          children: [],
        };
        parent[parent.indexOf(node)] = element;
      });
    });
  };
}

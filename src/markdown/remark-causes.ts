/**
 * Collects each article's <Cause id title> blocks into `remarkPluginFrontmatter.causes`, so the
 * page can list them under "On this page". Astro's `headings` only sees Markdown headings, and a
 * cause's heading is rendered by the Cause component from its props.
 */
interface Node {
  type: string;
  name?: string | null;
  attributes?: { type: string; name?: string; value?: unknown }[];
  children?: Node[];
}

export interface CauseHeading {
  id: string;
  title: string;
}

function attribute(node: Node, name: string): string | undefined {
  const a = node.attributes?.find((x) => x.type === 'mdxJsxAttribute' && x.name === name);
  return typeof a?.value === 'string' ? a.value : undefined;
}

function collect(node: Node, out: CauseHeading[]) {
  if (node.type === 'mdxJsxFlowElement' && node.name === 'Cause') {
    const id = attribute(node, 'id');
    const title = attribute(node, 'title');
    if (id && title) out.push({ id, title });
  }
  for (const child of node.children ?? []) collect(child, out);
}

export function remarkCauses() {
  return (tree: Node, file: { data: { astro?: { frontmatter?: Record<string, unknown> } } }) => {
    const causes: CauseHeading[] = [];
    collect(tree, causes);
    file.data.astro ??= {};
    file.data.astro.frontmatter ??= {};
    file.data.astro.frontmatter.causes = causes;
  };
}

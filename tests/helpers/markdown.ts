/**
 * Reads Markdown back with a plain CommonMark parser, as a reader's renderer or a language model
 * would, so tests compare what the text says rather than how the serializer escaped it.
 */
import type { Nodes, Root } from 'mdast';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

export const parseMarkdown = (md: string) => unified().use(remarkParse).parse(md) as Root;

export function visit(node: Nodes, fn: (node: Nodes) => void) {
  fn(node);
  if ('children' in node) for (const child of node.children) visit(child, fn);
}

/** The text a reader sees in a node (code included), markup gone. */
export function textOf(node: Nodes): string {
  if ('value' in node) return node.value;
  return 'children' in node ? node.children.map((c) => textOf(c)).join('') : '';
}

/** What a Markdown document holds: its headings, links, code, paragraphs, labelled quotes and its whole text. */
export function readMarkdown(md: string) {
  const tree = parseMarkdown(md);
  const headings: { depth: number; text: string }[] = [];
  const links: { url: string; text: string }[] = [];
  const code: string[] = [];
  const inlineCode: string[] = [];
  const paragraphs: string[] = [];
  /** The first line of each quote that opens in bold: how the twin labels a risky workaround. */
  const quoteLabels: string[] = [];
  visit(tree, (node) => {
    if (node.type === 'heading') headings.push({ depth: node.depth, text: textOf(node) });
    if (node.type === 'link') links.push({ url: node.url, text: textOf(node) });
    if (node.type === 'code') code.push(node.value);
    if (node.type === 'inlineCode') inlineCode.push(node.value);
    if (node.type === 'paragraph') paragraphs.push(textOf(node));
    if (node.type === 'blockquote') {
      const first = node.children[0];
      if (first?.type === 'paragraph' && first.children[0]?.type === 'strong') quoteLabels.push(textOf(first));
    }
  });
  return { tree, headings, links, code, inlineCode, paragraphs, quoteLabels, text: textOf(tree) };
}

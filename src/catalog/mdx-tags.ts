/**
 * Opening tags of the article components in MDX source, for checks that read the source text
 * (the lint, the build's cause list). Quote-aware: a value such as versions="openssh>=8.8" holds
 * a `>` that must not end the tag.
 */
const ATTRS = String.raw`((?:\s+[A-Za-z][\w-]*(?:\s*=\s*(?:"[^"]*"|'[^']*'))?)*)\s*`;

/** `<Name …>` (or `<Name … />` with `selfClosing`); group 1 holds the attributes. */
export function openingTag(name: string, { selfClosing = false } = {}): RegExp {
  return new RegExp(`<${name}${ATTRS}${selfClosing ? '/?' : ''}>`, 'g');
}

/** Everything between an opening <Name …> and its matching </Name> (components don't nest in themselves). */
export function elementBlocks(text: string, name: string): { attrs: string; inner: string; full: string }[] {
  const re = new RegExp(`${openingTag(name).source}([\\s\\S]*?)</${name}>`, 'g');
  return [...text.matchAll(re)].map((m) => ({ attrs: m[1] ?? '', inner: m[2], full: m[0] }));
}

export function attribute(attrs: string, name: string): string | undefined {
  return new RegExp(`(?:^|\\s)${name}\\s*=\\s*"([^"]*)"`).exec(attrs)?.[1];
}

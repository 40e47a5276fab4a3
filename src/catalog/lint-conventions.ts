/**
 * The body rules of content/README.md "Cloud providers, rescue, versions, drop-ins, guards",
 * checked per scope: each <Tab> of a cause, the rest of that cause outside its tabs, and the
 * article outside its causes. Every message names the cause and the tab, so an author finds it.
 */
import { isProvider } from '../cloud/providers.ts';
import { parseVersionSpec } from '../versions/spec.ts';
import type { Article } from './load.ts';
import { attribute as attr, elementBlocks as blocks, openingTag } from './mdx-tags.ts';

export interface ConventionProblem {
  rule: string;
  message: string;
}

interface Scope {
  /** "cause "x", cloud tab" — how a message points at the place. */
  where: string;
  os?: string;
  text: string;
  /** A platform tab holds steps; a cause's intro names settings in prose, so only its code blocks count. */
  isTab: boolean;
}

/** The drop-in name every article writes; `<topic>` is lowercase-hyphenated. */
export const DROP_IN_NAME = /^10-sshfix-[a-z0-9]+(-[a-z0-9]+)*\.conf$/;
/** Files the system ships, which an article may name to inspect them. */
const SYSTEM_DROP_INS = new Set(['50-cloud-init.conf', '50-redhat.conf', '60-cloudimg-settings.conf']);
const DROP_IN_PATH = /sshd_config\.d\/([A-Za-z0-9._*-]+\.conf)\b/g;
const SYNTAX_TEST = /\bsshd\s+-t\b/;
const EFFECTIVE_CHECK = /\bsshd\s+-T\b[^\n]*\|\s*grep\b/;

/** Steps that can lock the reader out; firewall ones always, sshd settings where the scope is about sshd. */
const FIREWALL_NARROWING: RegExp[] = [
  /\bufw\s+(--force\s+)?(deny|limit|reject|delete)\b/,
  /\bufw\s+default\s+deny\b/,
  /\bfirewall-cmd\b[^\n]*--remove-/,
  /\b(iptables|ip6tables)\b[^\n]*-j\s+(DROP|REJECT)\b/,
  /\baws\s+ec2\s+revoke-security-group-ingress\b/,
  /\bgcloud\s+compute\s+firewall-rules\s+(update|delete)\b/,
  /\baz\s+network\s+nsg\s+rule\s+(update|delete)\b/,
];
const SSHD_ACCESS: RegExp[] = [
  /\bPasswordAuthentication[ \t]+no\b/,
  /\bAddressFamily[ \t]+(inet6?|any)\b/,
  /\b(AllowUsers|AllowGroups|DenyUsers|DenyGroups)[ \t]+[^\s`]/,
  /\bListenAddress[ \t]+[^\s`]/,
  /(^|[ \t'"])Port[ \t]+\d+\b/m,
];

function scopes(body: string): Scope[] {
  const out: Scope[] = [];
  let outside = body;
  for (const cause of blocks(body, 'Cause')) {
    outside = outside.replace(cause.full, '');
    const name = `cause "${attr(cause.attrs, 'id') ?? '?'}"`;
    let rest = cause.inner;
    for (const tab of blocks(cause.inner, 'Tab')) {
      rest = rest.replace(tab.full, '');
      const os = attr(tab.attrs, 'os');
      out.push({ where: `${name}, ${os ?? '?'} tab`, os, text: tab.inner, isTab: true });
    }
    out.push({ where: `${name}, outside its tabs`, text: rest, isTab: false });
  }
  for (const tab of blocks(outside, 'Tab')) {
    const os = attr(tab.attrs, 'os');
    out.push({ where: `${os ?? '?'} tab outside the causes`, os, text: tab.inner, isTab: true });
  }
  return out;
}

/** Fenced code blocks, and inline code when asked: where steps are. */
function codeOf(text: string, inline: boolean): string {
  const fences = [...text.matchAll(/^```[^\n]*\n([\s\S]*?)^```/gm)].map((m) => m[1]);
  if (!inline) return fences.join('\n');
  const prose = text.replace(/^```[^\n]*\n[\s\S]*?^```/gm, '');
  return [...fences, ...[...prose.matchAll(/`([^`\n]+)`/g)].map((m) => m[1])].join('\n');
}

function cloudProblems(scope: Scope, report: (rule: string, message: string) => void) {
  const providers = [...scope.text.matchAll(openingTag('Provider'))].map((m) => attr(m[1] ?? '', 'name'));
  if (scope.os !== 'cloud') {
    if (providers.length) report('cloud-providers', `${scope.where}: <Provider> belongs only in a cloud tab`);
    return;
  }
  for (const name of providers) {
    if (!isProvider(name)) report('cloud-providers', `${scope.where}: <Provider name="${name ?? ''}"> is not one of aws, gcp, azure, vps`);
  }
  const named = providers.filter(isProvider);
  const twice = named.filter((n, i) => named.indexOf(n) !== i);
  if (twice.length) report('cloud-providers', `${scope.where}: provider "${twice[0]}" appears twice`);
  if (new Set(named).size < 2 && !/<CloudRescue[\s/>]/.test(scope.text)) {
    report('cloud-providers', `${scope.where}: name at least two providers concretely (<Provider name="aws|gcp|azure|vps">) or add <CloudRescue />`);
  }
}

function dropInProblems(scope: Scope, report: (rule: string, message: string) => void) {
  let firstOwn = -1;
  for (const m of scope.text.matchAll(DROP_IN_PATH)) {
    const file = m[1];
    if (file.includes('*') || SYSTEM_DROP_INS.has(file)) continue;
    if (!DROP_IN_NAME.test(file)) {
      report('drop-in-name', `${scope.where}: sshd_config.d/${file} should be /etc/ssh/sshd_config.d/10-sshfix-<topic>.conf (first value wins; it must load before 50-cloud-init.conf and 50-redhat.conf)`);
    } else if (firstOwn === -1) firstOwn = m.index ?? 0;
  }
  if (firstOwn === -1) return;
  const after = scope.text.slice(firstOwn);
  if (!SYNTAX_TEST.test(after)) report('drop-in-check', `${scope.where}: the drop-in is not followed by \`sudo sshd -t\``);
  if (!EFFECTIVE_CHECK.test(after)) report('drop-in-check', `${scope.where}: the drop-in is not followed by a \`sudo sshd -T | grep -i <keyword>\` check`);
}

function guardProblems(scope: Scope, report: (rule: string, message: string) => void) {
  if (/<LockoutGuard[\s/>]/.test(scope.text)) return;
  const code = codeOf(scope.text, scope.isTab);
  // sshd settings count where the scope is about sshd (sshd_config, sshd -t): ssh_config has Port and AddressFamily too.
  const patterns = /\bsshd(_config)?\b/.test(scope.text) ? [...FIREWALL_NARROWING, ...SSHD_ACCESS] : FIREWALL_NARROWING;
  for (const p of patterns) {
    const m = p.exec(code);
    if (m) {
      const line = code.slice(code.lastIndexOf('\n', m.index) + 1).split('\n')[0].trim().slice(0, 80);
      report('lockout-guard', `${scope.where}: "${line}" can lock the reader out: add <LockoutGuard /> in the same tab`);
      return;
    }
  }
}

function versionProblems(body: string, report: (rule: string, message: string) => void) {
  for (const cause of blocks(body, 'Cause')) {
    const id = attr(cause.attrs, 'id') ?? '?';
    const versions = attr(cause.attrs, 'versions');
    if (versions !== undefined) {
      const r = parseVersionSpec(versions);
      if (!r.ok) report('versions', `cause "${id}": versions="${versions}" ${r.error}`);
    }
    for (const m of cause.inner.matchAll(openingTag('Since', { selfClosing: true }))) {
      const v = attr(m[1] ?? '', 'v');
      const r = v === undefined ? ({ ok: false, error: 'is missing' } as const) : parseVersionSpec(v);
      if (!r.ok) report('versions', `cause "${id}": <Since v="${v ?? ''}"> ${r.error}`);
    }
  }
}

export function conventionProblems(article: Pick<Article, 'body'>): ConventionProblem[] {
  const problems: ConventionProblem[] = [];
  const report = (rule: string, message: string) => problems.push({ rule, message });
  versionProblems(article.body, report);
  for (const scope of scopes(article.body)) {
    cloudProblems(scope, report);
    dropInProblems(scope, report);
    guardProblems(scope, report);
  }
  return problems;
}

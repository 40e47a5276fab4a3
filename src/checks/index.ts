/**
 * In-browser checks that go beyond a lookup: what a paste is (detect), the journey of an
 * `ssh -vvv` log (log-timeline), OpenSSH's file-permission rules (permissions), sshd_config
 * pitfalls and Match simulation (sshd-config), the client config audit (ssh-config) and the
 * algorithm negotiation explainer (negotiation). Pure TypeScript: no DOM, Node, WASM or network, so the page, a Web
 * Worker and the CLI run the same code. Every entry point returns a result and never throws.
 */
export { detectKind, PASTE_KINDS, type PasteKind } from './detect.ts';
export { analyzeLog, TIMELINE_STAGES, TIMELINE_STAGE_LABELS, type LogTimeline, type StageResult, type KeyAttempt, type TimelineStage } from './log-timeline.ts';
export { checkPermissions, type PermissionsReport, type PermEntry, type PermissionsOptions } from './permissions.ts';
export { checkSshdConfig, simulateConnection, type SshdConfigReport, type SshdConfigOptions, type ConfigLine, type ConfigFile, type ConnectionSettings, type EffectiveValue } from './sshd-config.ts';
export { checkSshConfig, type SshConfigReport, type SshConfigOptions, type ClientValue } from './ssh-config.ts';
export { explainNegotiation, type NegotiationReport, type NegotiationFailure, type NegotiationOptions } from './negotiation.ts';
export type { ConnectionSpec } from './sshd-match.ts';
export { CHECK_ARTICLES, CHECK_ARTICLE_IDS } from './articles.ts';
export type { Finding, Severity } from './types.ts';

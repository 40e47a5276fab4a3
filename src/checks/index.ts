/**
 * In-browser checks that go beyond a lookup: what a paste is (detect), the journey of an
 * `ssh -vvv` log (log-timeline), OpenSSH's file-permission rules (permissions) and sshd_config
 * pitfalls (sshd-config). Pure TypeScript: no DOM, Node, WASM or network, so the page, a Web
 * Worker and the CLI run the same code. Every entry point returns a result and never throws.
 */
export { detectKind, type PasteKind } from './detect.ts';
export { analyzeLog, TIMELINE_STAGES, TIMELINE_STAGE_LABELS, type LogTimeline, type StageResult, type KeyAttempt, type TimelineStage } from './log-timeline.ts';
export { checkPermissions, type PermissionsReport, type PermEntry, type PermissionsOptions } from './permissions.ts';
export { checkSshdConfig, type SshdConfigReport, type SshdConfigOptions, type ConfigLine, type ConfigFile } from './sshd-config.ts';
export { CHECK_ARTICLES, CHECK_ARTICLE_IDS } from './articles.ts';
export type { Finding, Severity } from './types.ts';

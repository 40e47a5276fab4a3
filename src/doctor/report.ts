/**
 * What `sshfix doctor` found, stage by stage, as plain data (printed as JSON with --json) and as
 * text for a terminal. The stages are the log timeline's (src/checks/log-timeline.ts), so a
 * doctor run and a pasted `ssh -vvv` log speak the same language.
 */
import { TIMELINE_STAGES, TIMELINE_STAGE_LABELS, type TimelineStage } from '../checks/log-timeline.ts';
import { articleUrl } from '../config.ts';

/**
 * `ok` passed; `warn` passed, but the reader's own ssh may stop or ask here; `failed` the doctor
 * stopped here; `skipped` could not be checked directly (a proxy in between); `not-reached`
 * comes after the failure.
 */
export type StageStatus = 'ok' | 'warn' | 'failed' | 'skipped' | 'not-reached';

/** An article, and the `<Cause id>` in it when the doctor can tell which one. */
export interface ArticleRef {
  articleId: string;
  causeId: string | null;
}

export interface StageReport {
  stage: TimelineStage;
  label: string;
  status: StageStatus;
  /** What was checked, in one sentence. */
  checked: string;
  /** What was found, one fact per entry. */
  found: string[];
  /** The article (and cause) this result points to. */
  article: ArticleRef | null;
  /** Other articles worth reading for this stage (further mismatches, server-side causes). */
  also: ArticleRef[];
  /** Commands or config that fix it; null when there is nothing to run. */
  fix: string | null;
}

export interface DoctorReport {
  /** The target as ssh resolves it (`ssh -G`). */
  target: { given: string; hostname: string | null; port: number | null; user: string | null; address: string | null; proxy: string | null };
  stages: StageReport[];
  /** The stage the doctor stopped at, or null when every stage passed. */
  stoppedAt: TimelineStage | null;
  exitCode: number;
}

/**
 * Exit status: 0 every stage passed (warnings allowed), 1x stopped at stage x (1-based in
 * TIMELINE_STAGES: 11 resolve, 12 connect, 13 banner, 14 kex, 15 host key, 16 auth, 17 session),
 * 1 the doctor itself could not run, 2 usage error, 130 interrupted.
 */
export const EXIT_STATUS = Object.fromEntries(TIMELINE_STAGES.map((s, i) => [s, 11 + i])) as Record<TimelineStage, number>;

export function stage(stageId: TimelineStage, checked: string): StageReport {
  return { stage: stageId, label: TIMELINE_STAGE_LABELS[stageId], status: 'not-reached', checked, found: [], article: null, also: [], fix: null };
}

export function ref(articleId: string, causeId: string | null = null): ArticleRef {
  return { articleId, causeId };
}

const MARK: Record<StageStatus, string> = { ok: 'ok     ', warn: 'WARN   ', failed: 'FAILED ', skipped: 'skipped', 'not-reached': '-      ' };

function link(base: string, r: ArticleRef): string {
  return articleUrl(base, r.articleId, r.causeId ? { anchor: r.causeId } : {});
}

/** The report for a terminal; `base` is the site URL the article links point to. */
export function formatReport(r: DoctorReport, base: string): string {
  const t = r.target;
  const out: string[] = [];
  const where = t.hostname ? `${t.user ? `${t.user}@` : ''}${t.hostname} port ${t.port ?? '?'}` : t.given;
  out.push(`sshfix doctor: ${t.given}${where !== t.given ? ` (ssh uses ${where}${t.proxy ? ` via ${t.proxy}` : ''})` : ''}`, '');
  r.stages.forEach((s, i) => {
    out.push(`[${i + 1}/${r.stages.length}] ${MARK[s.status]} ${s.label}`);
    if (s.status === 'not-reached') return;
    out.push(`        checked: ${s.checked}`);
    s.found.forEach((f, j) => out.push(`        ${j === 0 ? 'found:   ' : '         '}${f}`));
    if (s.article) out.push(`        see: ${link(base, s.article)}`);
    for (const a of s.also) out.push(`        also: ${link(base, a)}`);
    if (s.fix) out.push(...s.fix.split('\n').map((l, j) => `        ${j === 0 ? 'fix: ' : '     '}${l}`));
  });
  out.push('');
  if (r.stoppedAt) out.push(`Stopped at: ${TIMELINE_STAGE_LABELS[r.stoppedAt]} (exit status ${r.exitCode}).`);
  else out.push(`Every stage passed${r.stages.some((s) => s.status === 'warn') ? ' (with warnings)' : ''}.`);
  return out.join('\n') + '\n';
}

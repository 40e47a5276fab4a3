/**
 * Turns the <Provider> panels a cloud tab rendered into sub-tabs: numbers their ids for this
 * group, puts a (hidden until the script runs) tab list before the first panel and the call to
 * the inline script after the tab's content, so the chosen provider shows at first paint.
 */
import { PROVIDER_LABELS, isProvider } from '../cloud/providers.ts';

const PANEL = /data-provider-panel="([a-z]+)"/g;

/** The call that picks this group's panel; the same text on every page, so the CSP needs one hash. */
export const CLOUD_INIT_SCRIPT = '<script>window.sshfixCloud&&sshfixCloud.init(document.currentScript.parentElement)</script>';

export function withProviderTabs(html: string, group: number): string {
  const names = [...html.matchAll(PANEL)].map((m) => m[1]).filter(isProvider);
  if (names.length === 0) return html;
  const numbered = html.replace(/\b(id="cloud-panel-|aria-labelledby="cloud-tab-)([a-z]+")/g, `$1${group}-$2`);
  const tabs = names
    .map(
      (name, i) =>
        `<button type="button" role="tab" id="cloud-tab-${group}-${name}" aria-controls="cloud-panel-${group}-${name}" aria-selected="${i === 0}" tabindex="${i === 0 ? 0 : -1}" data-cloud="${name}">${PROVIDER_LABELS[name]}</button>`,
    )
    .join('');
  const list = `<div role="tablist" aria-label="Cloud provider" class="cloud-tabs" data-cloud-tabs hidden>${tabs}</div>`;
  const first = numbered.indexOf('<section class="provider-panel"');
  return `${numbered.slice(0, first)}${list}${numbered.slice(first)}${CLOUD_INIT_SCRIPT}`;
}

/**
 * The /embed/ page (meant for an <iframe>): the same <sshfix-router>, configured from the
 * page's own query: `?os=rhel` (platform tab of the article links), `?q=...` (pre-filled paste),
 * `?theme=light|dark|auto`, `?target=_top|_blank|_self`. It tells the parent page its height
 * (`{ type: 'sshfix:height', height }` through postMessage) so the frame can fit its content.
 */
import { defineSshfixRouter, TAG } from './element.ts';

defineSshfixRouter();
const router = document.querySelector(TAG);
if (router) {
  const params = new URLSearchParams(location.search);
  for (const name of ['os', 'theme', 'target'] as const) {
    const v = params.get(name);
    if (v) router.setAttribute(name, v);
  }
  const q = params.get('q');
  if (q) router.value = q;

  if (window.parent !== window && typeof ResizeObserver !== 'undefined') {
    let last = 0;
    new ResizeObserver(() => {
      const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
      if (height !== last) {
        last = height;
        window.parent.postMessage({ type: 'sshfix:height', height }, '*');
      }
    }).observe(document.documentElement);
  }
}

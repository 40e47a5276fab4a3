/** The matcher in a Web Worker, for pastes large enough to block the page. */
import rules from 'virtual:sshfix/rules';
import { createMatcher } from '../../matcher/index.ts';

const matcher = createMatcher(rules);
self.onmessage = (e: MessageEvent<{ id: number; text: string }>) => {
  self.postMessage({ id: e.data.id, result: matcher.match(e.data.text) });
};

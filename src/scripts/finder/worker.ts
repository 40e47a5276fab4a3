/** The finder's analysis in a Web Worker, for pastes large enough to block the page. */
import rules from 'virtual:sshfix/rules';
import { createMatcher } from '../../matcher/index.ts';
import { analyze } from './analyze.ts';

const matcher = createMatcher(rules);
self.onmessage = (e: MessageEvent<{ id: number; text: string }>) => {
  self.postMessage({ id: e.data.id, result: analyze(matcher, e.data.text) });
};

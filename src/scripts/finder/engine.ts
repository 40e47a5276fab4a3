/**
 * Runs the analysis where it won't freeze the page: small inputs on the main thread (instant),
 * large ones in a Web Worker. Both use the same library and the same build-time rules.
 */
import rules from 'virtual:sshfix/rules';
import { createMatcher } from '../../matcher/index.ts';
import { analyze, type Analysis } from './analyze.ts';

/** Inputs above this many characters are matched in the worker. */
const WORKER_THRESHOLD = 200_000;

export { rules };

let matcher: ReturnType<typeof createMatcher> | undefined;
let worker: Worker | undefined;
let seq = 0;
const pending = new Map<number, (r: Analysis) => void>();

function inWorker(text: string): Promise<Analysis> {
  if (!worker) {
    worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (e: MessageEvent<{ id: number; result: Analysis }>) => {
      pending.get(e.data.id)?.(e.data.result);
      pending.delete(e.data.id);
    };
  }
  const id = ++seq;
  return new Promise((resolve) => {
    pending.set(id, resolve);
    worker!.postMessage({ id, text });
  });
}

/** Analyse a paste; large ones off the main thread. */
export function analyzePaste(text: string): Promise<Analysis> {
  if (text.length > WORKER_THRESHOLD && typeof Worker !== 'undefined') return inWorker(text);
  matcher ??= createMatcher(rules);
  return Promise.resolve(analyze(matcher, text));
}

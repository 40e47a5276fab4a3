/**
 * The widget's own styles, applied inside its Shadow DOM. The wrapper resets everything with
 * `all: initial` and sets every inherited property itself, so nothing from the host page (not
 * even `* { color: red !important }`, which reaches the custom element itself) flows in; and as
 * shadow styles never match outside the shadow root, nothing flows out.
 */
export const EMBED_CSS = `
:host { display: block; contain: content; }
:host([hidden]) { display: none; }
.w {
  all: initial;
  display: block;
  box-sizing: border-box;
  width: 100%;
  padding: 14px 16px;
  border: 1px solid #d6dbe1;
  border-radius: 8px;
  background: #ffffff;
  color: #1a1f24;
  font: 400 15px/1.5 system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif;
  text-align: left;
  overflow-wrap: anywhere;
  --accent: #0b5cad;
  --soft: #4b5563;
  --code-bg: #f0f2f5;
  --border: #d6dbe1;
  --mark: #fff3b0;
  --focus: #1f6feb;
}
:host([theme=dark]) .w {
  background: #0f1419; color: #e6e9ed;
  --accent: #6cb6ff; --soft: #a9b1bb; --code-bg: #1c232c; --border: #2e3742; --mark: #4d3d00; --focus: #79c0ff;
  border-color: #2e3742;
}
@media (prefers-color-scheme: dark) {
  :host([theme=auto]) .w {
    background: #0f1419; color: #e6e9ed;
    --accent: #6cb6ff; --soft: #a9b1bb; --code-bg: #1c232c; --border: #2e3742; --mark: #4d3d00; --focus: #79c0ff;
    border-color: #2e3742;
  }
}
:host([frameless]) .w { border: 0; border-radius: 0; padding: 0; background: transparent; }
.w *, .w *::before, .w *::after { box-sizing: border-box; }
.label { display: block; margin: 0 0 6px; font-weight: 600; font-size: 15px; color: inherit; }
textarea {
  display: block; width: 100%; min-height: 5.5em; margin: 0; padding: 8px 10px;
  border: 1px solid var(--border); border-radius: 6px; background: var(--code-bg); color: inherit;
  font: 400 13px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, 'Liberation Mono', monospace;
  resize: vertical; white-space: pre; overflow: auto;
}
textarea::placeholder { color: var(--soft); opacity: 1; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
textarea:focus-visible { outline-offset: 0; }
.hint { margin: 6px 0 0; font-size: 12.5px; color: var(--soft); }
.status { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.out:empty { display: none; }
.out { margin-top: 12px; }
.kicker { margin: 0; font-size: 12.5px; color: var(--soft); text-transform: uppercase; letter-spacing: 0.04em; }
.title { margin: 2px 0 8px; font-size: 17px; font-weight: 600; line-height: 1.35; }
a { color: var(--accent); text-decoration: underline; text-underline-offset: 0.15em; cursor: pointer; display: inline; visibility: visible; opacity: 1; font: inherit; }
.evidence-label { margin: 0 0 4px; font-size: 12.5px; color: var(--soft); }
.evidence {
  display: block; margin: 0; padding: 6px 10px; border-radius: 6px; background: var(--mark); color: inherit;
  font: 400 12.5px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, 'Liberation Mono', monospace;
  white-space: pre-wrap; word-break: break-all; max-height: 7.5em; overflow: auto;
}
.alts { margin: 10px 0 0; font-size: 13.5px; color: var(--soft); }
.alts a { margin-right: 0.2em; }
.notice { margin: 0; font-size: 14px; color: inherit; }
.foot { margin: 10px 0 0; font-size: 12px; color: var(--soft); }
`;

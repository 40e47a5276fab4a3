/**
 * The part of the finder every page loads: the keyboard shortcut and the header button. The
 * matcher, its rules and the search code load on first use (ui.ts), so an article page ships
 * almost no script until the reader asks for the box.
 */
import { isPasteInput } from './input-kind.ts';

const inline = document.querySelector<HTMLElement>('[data-finder][data-variant=inline]');
const dialog = document.querySelector<HTMLDialogElement>('dialog[data-finder-dialog]');
let ui: Promise<typeof import('./ui.ts')> | undefined;
const loadUi = () => (ui ??= import('./ui.ts'));

/**
 * A reader can paste before ui.ts has loaded. Typed text is searched at once, pasted text only
 * when the reader asks, so remember which it was until ui.ts takes over.
 */
const typedBeforeLoad = new WeakSet<HTMLElement>();
for (const root of document.querySelectorAll<HTMLElement>('[data-finder]')) {
  root.querySelector('[data-finder-input]')?.addEventListener('input', (e) => {
    if (isPasteInput(e)) typedBeforeLoad.delete(root);
    else typedBeforeLoad.add(root);
  });
}

function typingIn(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
}

async function open() {
  if (inline) {
    const input = inline.querySelector<HTMLTextAreaElement>('[data-finder-input]');
    input?.focus();
    input?.scrollIntoView({ block: 'center' });
    return;
  }
  if (!dialog) return;
  if (!dialog.open) dialog.showModal();
  // Focus the box at once, so what the reader types next lands there even before ui.ts loads.
  dialog.querySelector<HTMLTextAreaElement>('[data-finder-input]')?.focus();
  const finder = dialog.querySelector<HTMLElement>('[data-finder]');
  if (finder) (await loadUi()).attach(finder, { typedBeforeLoad: typedBeforeLoad.has(finder) });
}

document.addEventListener('keydown', (e) => {
  const slash = e.key === '/' && !e.ctrlKey && !e.metaKey && !e.altKey && !typingIn(e.target);
  const ctrlK = e.key.toLowerCase() === 'k' && (e.ctrlKey || e.metaKey);
  if (slash || ctrlK) {
    e.preventDefault();
    void open();
  }
});

for (const trigger of document.querySelectorAll<HTMLElement>('[data-finder-open]')) {
  trigger.addEventListener('click', (e) => {
    e.preventDefault();
    void open();
  });
}

dialog?.addEventListener('click', (e) => {
  // A click on the backdrop (outside the dialog's box) closes it.
  if (e.target === dialog) dialog.close();
});
dialog?.querySelector('[data-finder-close]')?.addEventListener('click', () => dialog.close());

if (inline) {
  // The home page's box: load the matcher at once for a /?q= link, otherwise when the reader
  // reaches for the box or the page is idle, so it never competes with the first render.
  const attachInline = () => void loadUi().then((m) => m.attach(inline, { fromUrl: true, typedBeforeLoad: typedBeforeLoad.has(inline) }));
  if (new URLSearchParams(location.search).has('q')) attachInline();
  else {
    inline.addEventListener('focusin', attachInline, { once: true });
    inline.addEventListener('pointerenter', attachInline, { once: true });
    if ('requestIdleCallback' in window) requestIdleCallback(attachInline, { timeout: 4000 });
    else setTimeout(attachInline, 2000);
  }
}

/**
 * Paste boxes that survive any paste (the finder's box and the guided check boxes): a paste too
 * large for a textarea is kept in memory and summed up in the placeholder, because laying out
 * megabytes of text in a textarea alone freezes the tab for minutes. The size limit's message
 * lives here too, so every box words it the same.
 */
import { MAX_INPUT_CHARS } from '../checks/input.ts';

/** Pastes longer than this are kept out of the textarea. */
export const LARGE_PASTE_CHARS = 100_000;

const megabytes = (chars: number) => (chars / 1048576).toFixed(1);

/** Lines in a paste, counted without building an array of them (pastes reach 10 MB). */
function countLines(text: string): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** What to tell the reader when `text` is over the size limit; null when it is within it. */
export function overLimitNotice(text: string): string | null {
  if (text.length <= MAX_INPUT_CHARS) return null;
  return `That is ${megabytes(text.length)} MB of text, over the ${MAX_INPUT_CHARS / 1048576} MB limit: paste only the part around the error.`;
}

/**
 * Keeps pastes over LARGE_PASTE_CHARS out of `input`: the box is emptied, its placeholder says
 * what was read, and `onLargePaste` gets the whole text. Smaller pastes and typing go to the box
 * as usual; the first edit after a large paste brings the box's own placeholder back. Text that
 * arrives without a paste event (dropped, set by a script or a test driver) is held the same way,
 * before the next frame lays it out. The box's other input listeners see neither that input nor
 * the empty inputs that may follow it (Chromium's insertText fires one per line inserted).
 */
export function holdLargePastes(input: HTMLTextAreaElement, onLargePaste: (text: string) => void): void {
  const ownPlaceholder = input.placeholder;
  let holding = false;
  const hold = (text: string) => {
    holding = true;
    input.value = '';
    input.placeholder = overLimitNotice(text)
      ? 'Paste the part of the log around the error.'
      : `Large paste read on this device: ${megabytes(text.length)} MB, ${countLines(text).toLocaleString('en')} lines. Type or paste to replace it.`;
    onLargePaste(text);
  };
  input.addEventListener('paste', (e) => {
    const text = e.clipboardData?.getData('text/plain') ?? '';
    if (text.length <= LARGE_PASTE_CHARS) return;
    e.preventDefault();
    hold(text);
  });
  input.addEventListener('input', (e) => {
    if (input.value.length > LARGE_PASTE_CHARS) {
      e.stopImmediatePropagation();
      hold(input.value);
      return;
    }
    if (holding && input.value === '') {
      e.stopImmediatePropagation();
      return;
    }
    holding = false;
    input.placeholder = ownPlaceholder;
  });
}

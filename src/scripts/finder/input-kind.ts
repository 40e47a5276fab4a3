/** Whether an `input` event put pasted (or dropped) text in the box, rather than typed keys. */
export function isPasteInput(e: Event): boolean {
  const type = (e as InputEvent).inputType;
  return type === 'insertFromPaste' || type === 'insertFromDrop';
}

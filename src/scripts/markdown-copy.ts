/**
 * "Copy as Markdown": fetches the article's Markdown twin and puts it on the clipboard.
 * The clipboard item gets the fetch as a promise, so the write starts inside the click (Safari
 * refuses a write that starts after an await); where ClipboardItem can't take one, the text is
 * written once it arrives.
 */

async function fetchMarkdown(href: string): Promise<string> {
  const res = await fetch(href, { headers: { Accept: 'text/markdown, text/plain' } });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return res.text();
}

async function copyMarkdown(href: string): Promise<string> {
  const text = fetchMarkdown(href);
  try {
    if (typeof ClipboardItem !== 'undefined' && ClipboardItem.supports?.('text/plain')) {
      const blob = text.then((t) => new Blob([t], { type: 'text/plain' }));
      await navigator.clipboard.write([new ClipboardItem({ 'text/plain': blob })]);
    } else {
      await navigator.clipboard.writeText(await text);
    }
  } catch (e) {
    // A failed fetch fails the write too: report the fetch, the reader can do something about it.
    await text;
    throw e;
  }
  return text;
}

function lineCount(text: string): number {
  return text.split('\n').length;
}

const box = document.querySelector<HTMLElement>('[data-markdown-copy]');
if (box?.dataset.href) {
  const href = box.dataset.href;
  const button = box.querySelector('button')!;
  const status = box.querySelector<HTMLElement>('.markdown-copy-status')!;
  button.addEventListener('click', async () => {
    status.textContent = 'Copying…';
    try {
      const text = await copyMarkdown(href);
      status.textContent = `Copied the article as Markdown (${lineCount(text)} lines)`;
    } catch (e) {
      const reason = e instanceof Error && e.message.startsWith('HTTP') ? `the Markdown could not be loaded (${e.message})` : 'your browser blocked the clipboard';
      status.textContent = `Copy failed: ${reason}`;
    }
  });
}

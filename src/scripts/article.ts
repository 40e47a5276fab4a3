/**
 * Article page behaviour that can wait for first paint: copy buttons on code blocks, and
 * heading links that copy a URL keeping the reader's platform (?os=) and the section (#anchor).
 */

declare global {
  interface Window {
    sshfixTabs?: { current(): string | null };
    sshfixCloud?: { current(): string | null };
  }
}

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** The platform the reader is looking at: their explicit choice, else the tab shown first on the page. */
function currentOs(): string | null {
  return (
    window.sshfixTabs?.current() ??
    document.querySelector('[data-os-tabs] [role=tab][aria-selected=true]')?.getAttribute('data-os') ??
    null
  );
}

/** This page's URL with the reader's platform and an anchor, as a support ticket should carry it. */
export function shareUrl(anchor?: string): string {
  const url = new URL(location.pathname, location.origin);
  const os = currentOs();
  if (os) url.searchParams.set('os', os);
  // On the cloud tab, the provider too (src/scripts/tabs.inline.js).
  const cloud = os === 'cloud' ? window.sshfixCloud?.current() : null;
  if (cloud) url.searchParams.set('cloud', cloud);
  if (anchor) url.hash = anchor;
  return url.href;
}

function flash(el: HTMLElement, attr: string) {
  el.setAttribute(attr, '');
  setTimeout(() => el.removeAttribute(attr), 2000);
}

function addCopyButtons() {
  for (const pre of document.querySelectorAll<HTMLPreElement>('.prose pre')) {
    const wrapper = document.createElement('div');
    wrapper.className = 'code-block';
    pre.replaceWith(wrapper);
    wrapper.append(pre);
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'copy-code';
    button.textContent = 'Copy';
    button.setAttribute('aria-label', 'Copy code to clipboard');
    button.addEventListener('click', async () => {
      const ok = await copyText(pre.innerText.replace(/\n$/, ''));
      button.textContent = ok ? 'Copied' : 'Copy failed';
      setTimeout(() => (button.textContent = 'Copy'), 2000);
    });
    wrapper.append(button);
  }
}

function handleHeadingLinks() {
  document.addEventListener('click', async (e) => {
    const link = e.target instanceof Element ? e.target.closest<HTMLAnchorElement>('a[data-copy-link]') : null;
    if (!link) return;
    e.preventDefault();
    const anchor = link.hash.slice(1);
    const url = shareUrl(anchor);
    history.replaceState(history.state, '', url);
    document.getElementById(anchor)?.scrollIntoView();
    if (await copyText(url)) flash(link, 'data-copied');
  });
}

/** The section the reader is at: the URL's anchor, else the last cause heading scrolled past. */
function currentSection(): string | undefined {
  if (location.hash) return decodeURIComponent(location.hash.slice(1));
  const passed = [...document.querySelectorAll<HTMLElement>('.cause > h3[id]')].filter((h) => h.getBoundingClientRect().top < 80);
  return passed.at(-1)?.id;
}

/** The snippet for a support ticket: title, the first thing to check, and the link. */
export function ticketSnippet(format: 'markdown' | 'text', data: { title: string; firstId?: string; firstTitle?: string }): string {
  const url = shareUrl(currentSection());
  const first = data.firstTitle ? `First check: ${data.firstTitle}` : '';
  if (format === 'markdown') {
    const firstLine = first && data.firstId ? `${first} ([steps](${shareUrl(data.firstId)}))` : first;
    const title = data.title.replace(/[[\]\\*_`]/g, '\\$&');
    return [`**[${title}](${url})**`, firstLine].filter(Boolean).join('\n');
  }
  return [data.title, first, url].filter(Boolean).join('\n');
}

function handleTicketCopy() {
  const box = document.querySelector<HTMLElement>('[data-ticket-copy]');
  if (!box) return;
  const status = box.querySelector<HTMLElement>('.ticket-copy-status')!;
  box.addEventListener('click', async (e) => {
    const button = e.target instanceof Element ? e.target.closest<HTMLButtonElement>('button[data-format]') : null;
    if (!button) return;
    const format = button.dataset.format === 'markdown' ? 'markdown' : 'text';
    const ok = await copyText(ticketSnippet(format, { title: box.dataset.title ?? document.title, firstId: box.dataset.firstId, firstTitle: box.dataset.firstTitle }));
    status.textContent = ok ? `Copied as ${format === 'markdown' ? 'Markdown' : 'plain text'}` : 'Copy failed: your browser blocked the clipboard';
  });
}

addCopyButtons();
handleHeadingLinks();
handleTicketCopy();

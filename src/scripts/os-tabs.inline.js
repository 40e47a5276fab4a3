// @ts-check
/*
 * Platform tabs. Inlined in <head> (and called right after each tab group) rather than loaded as a
 * module, because module scripts run after first paint and the reader would see the wrong tab
 * flash. Precedence: ?os= in the URL, then the reader's remembered choice, then (for client-side
 * articles) the platform the browser runs on, then the article's default. Without JavaScript the
 * tab lists stay hidden and every panel shows under its own heading.
 */
(() => {
  const KEYS = ['ubuntu', 'rhel', 'cloud', 'macos', 'windows'];
  const STORE = 'sshfix-os';
  const root = document.documentElement;
  /** @param {string | null | undefined} os */
  const valid = (os) => (os && KEYS.includes(os) ? os : null);
  let chosen = valid(new URLSearchParams(location.search).get('os'));
  try {
    if (chosen) localStorage.setItem(STORE, chosen);
    else chosen = valid(localStorage.getItem(STORE));
  } catch {}
  // @ts-ignore userAgentData is not in every lib.dom yet
  const platform = (navigator.userAgentData && navigator.userAgentData.platform) || navigator.platform || '';
  const guess = /mac|iphone|ipad/i.test(platform) ? 'macos' : /win/i.test(platform) ? 'windows' : null;

  /** @param {Element} group @param {string} os */
  function show(group, os) {
    group.querySelectorAll(':scope > [role=tablist] > [role=tab]').forEach((tab) => {
      const on = tab.getAttribute('data-os') === os;
      tab.setAttribute('aria-selected', String(on));
      tab.setAttribute('tabindex', on ? '0' : '-1');
    });
    group.querySelectorAll(':scope > [data-os-panel]').forEach((panel) => {
      /** @type {HTMLElement} */ (panel).hidden = panel.getAttribute('data-os-panel') !== os;
    });
  }

  /** Show the preferred panel of one tab group; called right after the group is parsed. */
  function init(/** @type {Element | null} */ group) {
    if (!group) return;
    const has = (/** @type {string | null} */ os) => !!os && !!group.querySelector(`:scope > [data-os-panel="${os}"]`);
    const clientSide = root.dataset.side === 'client';
    const first = group.querySelector(':scope > [data-os-panel]');
    const pick = [chosen, clientSide ? guess : null, group.getAttribute('data-default')].find(has) || (first && first.getAttribute('data-os-panel'));
    const list = group.querySelector(':scope > [role=tablist]');
    if (list) /** @type {HTMLElement} */ (list).hidden = false;
    if (pick) show(group, pick);
    group.setAttribute('data-ready', '');
  }

  /** The reader picked a platform: remember it and switch every group that has it. */
  function choose(/** @type {string} */ os) {
    chosen = os;
    try {
      localStorage.setItem(STORE, os);
    } catch {}
    const url = new URL(location.href);
    if (url.searchParams.has('os')) {
      url.searchParams.set('os', os);
      history.replaceState(history.state, '', url);
    }
    document.querySelectorAll('[data-os-tabs]').forEach((g) => {
      if (g.querySelector(`:scope > [data-os-panel="${os}"]`)) show(g, os);
    });
  }

  document.addEventListener('click', (e) => {
    const tab = e.target instanceof Element && e.target.closest('[data-os-tabs] > [role=tablist] > [role=tab]');
    if (tab) choose(tab.getAttribute('data-os') || '');
  });
  document.addEventListener('keydown', (e) => {
    const tab = e.target instanceof Element && e.target.closest('[data-os-tabs] > [role=tablist] > [role=tab]');
    if (!tab || !tab.parentElement) return;
    const tabs = [...tab.parentElement.children];
    const i = tabs.indexOf(tab);
    const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    const target = /** @type {HTMLElement} */ (tabs[(next + tabs.length) % tabs.length]);
    choose(target.getAttribute('data-os') || '');
    target.focus();
  });

  Object.assign(window, { sshfixTabs: { init, choose, current: () => chosen } });
  // Last, so that if anything above failed the page keeps its no-JavaScript layout: every panel shown.
  root.classList.add('js');
})();

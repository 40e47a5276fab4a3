// @ts-check
/*
 * Cloud provider sub-tabs (<Provider> blocks inside a cloud tab). Inlined in <head> next to the
 * platform tabs script and called right after each cloud tab, for the same reason: the chosen
 * provider must show at first paint. Precedence: ?cloud= in the URL, then the remembered choice,
 * then the tab's first provider. Without JavaScript every provider shows under its own heading.
 */
(() => {
  const KEYS = ['aws', 'gcp', 'azure', 'vps'];
  const STORE = 'sshfix-cloud';
  /** @param {string | null | undefined} key */
  const valid = (key) => (key && KEYS.includes(key) ? key : null);
  let chosen = valid(new URLSearchParams(location.search).get('cloud'));
  try {
    if (chosen) localStorage.setItem(STORE, chosen);
    else chosen = valid(localStorage.getItem(STORE));
  } catch {}

  /** @param {Element} list @param {string} key */
  function show(list, key) {
    list.querySelectorAll(':scope > [role=tab]').forEach((tab) => {
      const on = tab.getAttribute('data-cloud') === key;
      tab.setAttribute('aria-selected', String(on));
      tab.setAttribute('tabindex', on ? '0' : '-1');
    });
    list.parentElement?.querySelectorAll(':scope > [data-provider-panel]').forEach((panel) => {
      /** @type {HTMLElement} */ (panel).hidden = panel.getAttribute('data-provider-panel') !== key;
    });
  }

  /** @param {Element} list @param {string | null} key */
  const has = (list, key) => !!key && !!list.querySelector(`:scope > [data-cloud="${key}"]`);

  /** Show the preferred provider of one cloud tab; called right after the tab is parsed. */
  function init(/** @type {Element | null} */ panel) {
    const list = panel && panel.querySelector(':scope > [data-cloud-tabs]');
    if (!list) return;
    const first = list.querySelector(':scope > [role=tab]');
    const pick = has(list, chosen) ? chosen : first && first.getAttribute('data-cloud');
    /** @type {HTMLElement} */ (list).hidden = false;
    if (pick) show(list, pick);
    list.setAttribute('data-ready', '');
  }

  /** The reader picked a provider: remember it and switch every cloud tab that has it. */
  function choose(/** @type {string} */ key) {
    if (!valid(key)) return;
    chosen = key;
    try {
      localStorage.setItem(STORE, key);
    } catch {}
    const url = new URL(location.href);
    if (url.searchParams.has('cloud')) {
      url.searchParams.set('cloud', key);
      history.replaceState(history.state, '', url);
    }
    document.querySelectorAll('[data-cloud-tabs]').forEach((list) => {
      if (has(list, key)) show(list, key);
    });
  }

  const TAB = '[data-cloud-tabs] > [role=tab]';
  document.addEventListener('click', (e) => {
    const target = e.target instanceof Element ? e.target : null;
    const tab = target && target.closest(TAB);
    if (tab) choose(tab.getAttribute('data-cloud') || '');
    // A later <CloudRescue /> links to the page's full block: open it on the way.
    if (target && target.closest('a[href="#cloud-rescue"]')) document.getElementById('cloud-rescue')?.setAttribute('open', '');
  });
  document.addEventListener('keydown', (e) => {
    const tab = e.target instanceof Element && e.target.closest(TAB);
    if (!tab || !tab.parentElement) return;
    const tabs = [...tab.parentElement.children];
    const i = tabs.indexOf(tab);
    const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    const target = /** @type {HTMLElement} */ (tabs[(next + tabs.length) % tabs.length]);
    choose(target.getAttribute('data-cloud') || '');
    target.focus();
  });

  Object.assign(window, { sshfixCloud: { init, choose, current: () => chosen } });
  // Last, as in the platform tabs script: only a script that ran may hide providers until it picks one.
  document.documentElement.classList.add('cloud-js');
})();

// @ts-check
/*
 * Platform tabs and, inside a cloud tab, cloud-provider sub-tabs. Inlined in <head> (and called
 * right after each tab group) rather than loaded as a module, because module scripts run after
 * first paint and the reader would see the wrong tab flash. Without JavaScript the tab lists stay
 * hidden and every panel shows under its own heading.
 */
(() => {
  const root = document.documentElement;

  /**
   * One kind of tab: the reader's choice comes from `?<param>=` in the URL, else the remembered
   * choice, and picking a tab (click, arrow keys, Home/End) switches every tab list of this kind.
   * Tabs carry `data-<param>`; their panels are the tab list's siblings carrying `panel`.
   * @param {{ param: string, keys: string[], lists: string, panel: string }} kind
   */
  function tabKind({ param, keys, lists, panel }) {
    const store = `sshfix-${param}`;
    const attr = `data-${param}`;
    const tabs = `${lists} > [role=tab]`;
    /** @param {string | null | undefined} key */
    const valid = (key) => (key && keys.includes(key) ? key : null);
    let chosen = valid(new URLSearchParams(location.search).get(param));
    try {
      if (chosen) localStorage.setItem(store, chosen);
      else chosen = valid(localStorage.getItem(store));
    } catch {}

    /** @param {Element} list @param {string | null} key */
    const has = (list, key) => !!key && !!list.querySelector(`:scope > [${attr}="${key}"]`);

    /** @param {Element} list @param {string} key */
    function show(list, key) {
      list.querySelectorAll(':scope > [role=tab]').forEach((tab) => {
        const on = tab.getAttribute(attr) === key;
        tab.setAttribute('aria-selected', String(on));
        tab.setAttribute('tabindex', on ? '0' : '-1');
      });
      list.parentElement?.querySelectorAll(`:scope > [${panel}]`).forEach((p) => {
        /** @type {HTMLElement} */ (p).hidden = p.getAttribute(panel) !== key;
      });
    }

    /** Reveal one tab list on its first candidate it has (else its first tab); called right after it is parsed. */
    function open(/** @type {Element} */ list, /** @type {(string | null)[]} */ candidates) {
      const first = list.querySelector(':scope > [role=tab]');
      const pick = candidates.find((key) => has(list, key)) || (first && first.getAttribute(attr));
      /** @type {HTMLElement} */ (list).hidden = false;
      if (pick) show(list, pick);
    }

    /** The reader picked a tab: remember it and switch every list that has it. */
    function choose(/** @type {string} */ key) {
      if (!valid(key)) return;
      chosen = key;
      try {
        localStorage.setItem(store, key);
      } catch {}
      const url = new URL(location.href);
      if (url.searchParams.has(param)) {
        url.searchParams.set(param, key);
        history.replaceState(history.state, '', url);
      }
      document.querySelectorAll(lists).forEach((list) => {
        if (has(list, key)) show(list, key);
      });
    }

    document.addEventListener('click', (e) => {
      const tab = e.target instanceof Element && e.target.closest(tabs);
      if (tab) choose(tab.getAttribute(attr) || '');
    });
    document.addEventListener('keydown', (e) => {
      const tab = e.target instanceof Element && e.target.closest(tabs);
      if (!tab || !tab.parentElement) return;
      const all = [...tab.parentElement.children];
      const i = all.indexOf(tab);
      const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: all.length - 1 }[e.key];
      if (next === undefined) return;
      e.preventDefault();
      const target = /** @type {HTMLElement} */ (all[(next + all.length) % all.length]);
      choose(target.getAttribute(attr) || '');
      target.focus();
    });

    return { open, choose, current: () => chosen };
  }

  // Platforms. Precedence: URL, remembered choice, then (for client-side articles) the platform
  // the browser runs on, then the article's default.
  const os = tabKind({ param: 'os', keys: ['ubuntu', 'rhel', 'cloud', 'macos', 'windows'], lists: '[data-os-tabs] > [role=tablist]', panel: 'data-os-panel' });
  // @ts-ignore userAgentData is not in every lib.dom yet
  const platform = (navigator.userAgentData && navigator.userAgentData.platform) || navigator.platform || '';
  const guess = /mac|iphone|ipad/i.test(platform) ? 'macos' : /win/i.test(platform) ? 'windows' : null;
  /** Show the preferred panel of one platform tab group. */
  function initOs(/** @type {Element | null} */ group) {
    const list = group && group.querySelector(':scope > [role=tablist]');
    if (!group || !list) return;
    os.open(list, [os.current(), root.dataset.side === 'client' ? guess : null, group.getAttribute('data-default')]);
    group.setAttribute('data-ready', '');
  }

  // Cloud providers (<Provider> blocks inside a cloud tab). Precedence: URL, remembered choice, the tab's first provider.
  const cloud = tabKind({ param: 'cloud', keys: ['aws', 'gcp', 'azure', 'vps'], lists: '[data-cloud-tabs]', panel: 'data-provider-panel' });
  /** Show the preferred provider of one cloud tab. */
  function initCloud(/** @type {Element | null} */ panel) {
    const list = panel && panel.querySelector(':scope > [data-cloud-tabs]');
    if (!list) return;
    cloud.open(list, [cloud.current()]);
    list.setAttribute('data-ready', '');
  }
  // A later <CloudRescue /> links to the page's full block: open it on the way.
  document.addEventListener('click', (e) => {
    if (e.target instanceof Element && e.target.closest('a[href="#cloud-rescue"]')) document.getElementById('cloud-rescue')?.setAttribute('open', '');
  });

  Object.assign(window, {
    sshfixTabs: { init: initOs, choose: os.choose, current: os.current },
    sshfixCloud: { init: initCloud, choose: cloud.choose, current: cloud.current },
  });
  // Last, so that if anything above failed the page keeps its no-JavaScript layout: every panel shown.
  root.classList.add('js');
})();

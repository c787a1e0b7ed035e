// The dashboard's own parts around the live chart (live-top.js): the settings kept in the address so a
// view can be shared, the sources line's links kept in step with them, the theme, and the one-line embed
// code with its copy button.
'use strict';

(function () {
  const body = document.body;
  const settings = {
    view: TrendTags.view(body.dataset.view),
    // Chosen by following a link of the sources line (a new page), never changed here.
    source: TrendTags.source(body.dataset.source),
    n: TrendTags.wholeNumber(body.dataset.n, 10, 1, 100),
    intervalS: TrendTags.wholeNumber(body.dataset.interval, 5, 1, 3600),
  };
  const viewSelect = document.getElementById('view');
  const chartView = document.getElementById('chart-view');
  const nInput = document.getElementById('n');
  const intervalInput = document.getElementById('interval');
  const themeSelect = document.getElementById('theme');
  const chartN = document.getElementById('chart-n');
  const embedCode = document.getElementById('embed-code');
  const copyResult = document.getElementById('copy-result');
  const sourceLinks = document.querySelectorAll('#sources a[data-source]');

  themeSelect.value = document.documentElement.dataset.theme || 'auto';
  const live = TrendTags.start(settings, { fillBox: false });
  showSettings();

  viewSelect.addEventListener('change', () => {
    settings.view = TrendTags.view(viewSelect.value);
    changed(true);
  });
  nInput.addEventListener('change', () => {
    settings.n = TrendTags.wholeNumber(nInput.value, settings.n, 1, 100);
    changed(true);
  });
  intervalInput.addEventListener('change', () => {
    settings.intervalS = TrendTags.wholeNumber(intervalInput.value, settings.intervalS, 1, 3600);
    changed(true);
  });
  themeSelect.addEventListener('change', () => {
    document.documentElement.dataset.theme = themeSelect.value;
    live.refreshTheme();
    changed(false);
  });
  // The system's theme changing while the page is open (an automatic dark mode at dusk).
  window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => live.refreshTheme());
  document.getElementById('settings').addEventListener('submit', (event) => event.preventDefault());
  document.getElementById('copy-embed').addEventListener('click', copyEmbedCode);

  function changed(restart) {
    showSettings();
    // Keep the address shareable: it reloads with the same settings.
    const query = new URLSearchParams(window.location.search);
    query.set('view', settings.view);
    query.set('n', settings.n);
    query.set('interval', settings.intervalS);
    setOrDelete(query, 'theme', themeSelect.value, 'auto');
    setOrDelete(query, 'source', settings.source, 'all');
    window.history.replaceState(null, '', '?' + query.toString());
    // Each source's link is this address with its source: switching source keeps the view, n and theme.
    sourceLinks.forEach((link) => {
      const narrowed = new URLSearchParams(query);
      setOrDelete(narrowed, 'source', link.dataset.source, 'all');
      link.href = '?' + narrowed.toString();
    });
    if (restart) {
      live.restart({ view: settings.view, source: settings.source, n: settings.n, intervalS: settings.intervalS });
    }
  }

  /** Sets `name` to `value` in `query`, or leaves it out when it is the default, to keep addresses short. */
  function setOrDelete(query, name, value, defaultValue) {
    if (value === defaultValue) {
      query.delete(name);
    } else {
      query.set(name, value);
    }
  }

  function showSettings() {
    viewSelect.value = settings.view;
    chartView.textContent = viewSelect.options[viewSelect.selectedIndex].text;
    nInput.value = settings.n;
    intervalInput.value = settings.intervalS;
    chartN.textContent = String(settings.n);
    embedCode.value = snippet();
  }

  /** The one line to paste into another page: a script that puts the widget in an iframe in its place. */
  function snippet() {
    const script = new URL('embed.js', window.location.href).href;
    const theme = themeSelect.value === 'auto' ? '' : ' data-theme="' + themeSelect.value + '"';
    const source = settings.source === 'all' ? '' : ' data-source="' + settings.source + '"';
    return '<script src="' + script + '" data-view="' + settings.view + '"' + source + ' data-n="' + settings.n + '" data-interval="' + settings.intervalS + '"'
      + theme + ' async></' + 'script>';
  }

  async function copyEmbedCode() {
    try {
      await navigator.clipboard.writeText(embedCode.value);
      copyResult.textContent = 'Copied.';
    } catch (error) {
      // No clipboard permission (an insecure origin, a policy): select it for Ctrl+C instead.
      embedCode.focus();
      embedCode.select();
      copyResult.textContent = 'Press Ctrl+C (or \u2318C) to copy the selected code.';
    }
  }
})();

// The TrendTags dashboard: polls GET api/top and draws the result as a bar chart and a table.
// Hashtags are user input: they reach the page only through Chart.js (drawn on the canvas) and
// textContent, never parsed as HTML. The page runs under `Content-Security-Policy: default-src 'self'`.
'use strict';

(function () {
  const DEFAULT_N = 10;
  const MAX_N = 100;
  const DEFAULT_INTERVAL_S = 2;
  const MAX_INTERVAL_S = 3600;
  const BAR_HEIGHT_PX = 30;

  const params = new URLSearchParams(window.location.search);
  const settings = {
    n: wholeNumber(params.get('n'), DEFAULT_N, 1, MAX_N),
    intervalS: wholeNumber(params.get('interval'), DEFAULT_INTERVAL_S, 1, MAX_INTERVAL_S),
  };

  const nInput = document.getElementById('n');
  const intervalInput = document.getElementById('interval');
  const status = document.querySelector('.status');
  const statusLabel = document.getElementById('status-label');
  const updated = document.getElementById('updated');
  const chartN = document.getElementById('chart-n');
  const chartBox = document.getElementById('chart-box');
  const tableBody = document.querySelector('#top-table tbody');
  const empty = document.getElementById('empty');

  // The page's own font and colours on the canvas too.
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.color = '#5f6b7a';

  const chart = new Chart(document.getElementById('top-chart'), {
    type: 'bar',
    data: {
      labels: [],
      datasets: [{
        label: 'Mentions',
        data: [],
        backgroundColor: '#1d74d8',
        hoverBackgroundColor: '#155bb0',
        borderRadius: 4,
        maxBarThickness: 26,
      }],
    },
    options: {
      indexAxis: 'y',
      responsive: true,
      maintainAspectRatio: false,
      animation: { duration: 400 },
      plugins: { legend: { display: false } },
      scales: {
        x: {
          beginAtZero: true,
          title: { display: true, text: 'Mentions', font: { weight: 'bold' } },
          ticks: { precision: 0 },
          grid: { color: '#eef1f5' },
        },
        y: {
          title: { display: true, text: 'Hashtag', font: { weight: 'bold' } },
          // Every bar gets its label: by default Chart.js skips labels that do not fit.
          ticks: { autoSkip: false, color: '#1f2933', font: { size: 13 } },
          grid: { display: false },
        },
      },
    },
  });

  let generation = 0;
  let timer = null;
  let shown = null;

  showSettings();
  nInput.addEventListener('change', () => applySetting('n', nInput, 1, MAX_N));
  intervalInput.addEventListener('change', () => applySetting('intervalS', intervalInput, 1, MAX_INTERVAL_S));
  document.getElementById('settings').addEventListener('submit', (event) => event.preventDefault());
  poll();

  /** Fetches the top tags once, renders them, and schedules the next poll. */
  async function poll() {
    const mine = ++generation;
    clearTimeout(timer);
    try {
      const response = await fetch('api/top?n=' + settings.n, { cache: 'no-store' });
      if (!response.ok) {
        throw new Error('HTTP ' + response.status);
      }
      const top = await response.json();
      if (mine === generation) {
        render(top);
      }
    } catch (error) {
      if (mine === generation) {
        shown = null;
        showStatus('Cannot reach the server, retrying:', error.message, true);
      }
    } finally {
      // A settings change starts a new poll; only the newest one schedules the next.
      if (mine === generation) {
        timer = setTimeout(poll, settings.intervalS * 1000);
      }
    }
  }

  function render(top) {
    // Redraw only what changed: a table rebuilt every poll would make a screen reader lose its place.
    const key = JSON.stringify(top);
    if (key === shown) {
      return;
    }
    shown = key;
    const tags = top.tags;
    chart.data.labels = tags.map((t) => '#' + t.tag);
    chart.data.datasets[0].data = tags.map((t) => t.count);
    chartBox.style.height = Math.max(240, tags.length * BAR_HEIGHT_PX + 80) + 'px';
    chart.update();

    tableBody.replaceChildren(...tags.map((t, i) => row(i + 1, '#' + t.tag, t.count)));
    empty.hidden = tags.length > 0;

    if (top.updated_at) {
      const when = new Date(top.updated_at);
      showStatus('Last update:', when.toLocaleTimeString(), false);
      updated.dateTime = top.updated_at;
      updated.title = when.toLocaleString();
    } else {
      showStatus('Last update:', 'no data yet', false);
    }
  }

  function row(rank, tag, count) {
    const tr = document.createElement('tr');
    tr.append(cell(String(rank)), cell(tag), cell(count.toLocaleString(), 'num'));
    return tr;
  }

  function cell(text, className) {
    const td = document.createElement('td');
    td.textContent = text;
    if (className) {
      td.className = className;
    }
    return td;
  }

  function showStatus(label, text, isError) {
    statusLabel.textContent = label;
    updated.textContent = text;
    status.classList.toggle('error', isError);
  }

  function applySetting(key, input, min, max) {
    settings[key] = wholeNumber(input.value, settings[key], min, max);
    showSettings();
    // Keep the address shareable: it reloads with the same settings.
    const query = new URLSearchParams(window.location.search);
    query.set('n', settings.n);
    query.set('interval', settings.intervalS);
    window.history.replaceState(null, '', '?' + query.toString());
    poll();
  }

  function showSettings() {
    nInput.value = settings.n;
    intervalInput.value = settings.intervalS;
    chartN.textContent = String(settings.n);
  }

  /** `text` as a whole number from min to max, or `fallback` if it is anything else. */
  function wholeNumber(text, fallback, min, max) {
    if (text === null || !/^\s*\d+\s*$/.test(text)) {
      return fallback;
    }
    const value = Number(text);
    return Math.min(max, Math.max(min, value));
  }
})();

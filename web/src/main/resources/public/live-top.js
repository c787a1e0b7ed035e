// The live top hashtags, shared by the dashboard and the widget: a Chart.js bar chart whose bars slide to
// their new rank, a table with the same data, the time of the last update and a "stale" mark. Updates
// come from GET api/stream (Server-Sent Events); when the stream is unavailable, from polling GET api/top.
// Hashtags are user input: they reach the page only through Chart.js (drawn on the canvas) and
// textContent, never parsed as HTML. The pages run under a Content-Security-Policy without inline scripts.
'use strict';

window.TrendTags = (function () {
  const BAR_SLOT_PX = 30;
  const LABEL_MAX_CHARS = 24;
  const TOOLTIP_MAX_CHARS = 80;
  const STALE_AFTER_MIN_MS = 60000;
  // After falling back to polling, try the stream again this often: it may have been a passing proxy hiccup.
  const STREAM_RETRY_MS = 60000;

  document.documentElement.classList.add('js');

  /** `text` cut to `max` characters (not UTF-16 units, so an emoji is not split in half). */
  function truncate(text, max) {
    const chars = Array.from(text);
    return chars.length <= max ? text : chars.slice(0, max - 1).join('') + '\u2026';
  }

  function themeColors() {
    const css = getComputedStyle(document.documentElement);
    const v = (name) => css.getPropertyValue(name).trim();
    return { ink: v('--ink'), muted: v('--muted'), grid: v('--grid'), bar: v('--bar'), barHover: v('--bar-hover') };
  }

  /** Draws each bar's count just past its end, moving with the bar while it animates. */
  const countLabels = {
    id: 'countLabels',
    afterDatasetsDraw(chart) {
      const ctx = chart.ctx;
      const points = chart.data.datasets[0].data;
      ctx.save();
      ctx.fillStyle = themeColors().ink;
      ctx.font = '600 12px ' + Chart.defaults.font.family;
      ctx.textBaseline = 'middle';
      chart.getDatasetMeta(0).data.forEach((bar, i) => {
        if (points[i]) {
          ctx.fillText(points[i].x.toLocaleString('en-US'), bar.x + 6, bar.y);
        }
      });
      ctx.restore();
    },
  };

  /**
   * A horizontal bar chart on a linear rank axis: bar i stays the same tag from one update to the next,
   * and its y (the rank) animates, so bars move to their new place instead of being redrawn.
   */
  function RankChart(canvas, box, fillBox) {
    let ranked = [];
    Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
    const chart = new Chart(canvas, {
      type: 'bar',
      data: { labels: [], datasets: [{ label: 'Mentions', data: [], borderRadius: 4, maxBarThickness: 26 }] },
      plugins: [countLabels],
      options: {
        indexAxis: 'y',
        responsive: true,
        maintainAspectRatio: false,
        animation: { duration: 600, easing: 'easeInOutCubic' },
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              title: (items) => truncate('#' + items[0].raw.tag, TOOLTIP_MAX_CHARS),
              label: (item) => ' ' + item.raw.x.toLocaleString('en-US') + ' mentions',
            },
          },
        },
        scales: {
          x: { beginAtZero: true, grace: '12%', ticks: { precision: 0 }, title: { display: !fillBox, text: 'Mentions', font: { weight: 'bold' } } },
          y: {
            type: 'linear',
            reverse: true,
            min: 0.5,
            max: 1.5,
            // One tick per rank, labelled with its tag: a linear axis would otherwise pick its own.
            afterBuildTicks: (scale) => { scale.ticks = ranked.map((_, i) => ({ value: i + 1 })); },
            ticks: { autoSkip: false, font: { size: 13 }, callback: (value) => truncate(ranked[value - 1] || '', LABEL_MAX_CHARS) },
            grid: { display: false },
          },
        },
      },
    });
    applyColors();

    function applyColors() {
      const c = themeColors();
      const dataset = chart.data.datasets[0];
      dataset.backgroundColor = c.bar;
      dataset.hoverBackgroundColor = c.barHover;
      chart.options.scales.x.ticks.color = c.muted;
      chart.options.scales.x.title.color = c.muted;
      chart.options.scales.x.grid.color = c.grid;
      chart.options.scales.y.ticks.color = c.ink;
    }

    function show(tags) {
      const dataset = chart.data.datasets[0];
      // Keep each tag on the data index it had, so Chart.js animates that bar from its old place.
      const slots = new Array(tags.length).fill(null);
      const previous = new Map(dataset.data.map((p, i) => [p.tag, i]));
      const waiting = [];
      tags.forEach((t, rank) => {
        const i = previous.get(t.tag);
        if (i !== undefined && i < slots.length && slots[i] === null) {
          slots[i] = { x: t.count, y: rank + 1, tag: t.tag };
        } else {
          waiting.push({ x: t.count, y: rank + 1, tag: t.tag });
        }
      });
      dataset.data = slots.map((slot) => slot || waiting.shift());
      ranked = tags.map((t) => '#' + t.tag);
      chart.data.labels = ranked.slice();
      chart.options.scales.y.max = Math.max(1, tags.length) + 0.5;
      if (!fillBox) {
        box.style.height = Math.max(240, tags.length * BAR_SLOT_PX + 80) + 'px';
      }
      chart.update();
    }

    return { show, refreshTheme: () => { applyColors(); chart.update('none'); } };
  }

  /** Follows the top list: the stream when it works, else polling at the chosen interval. */
  function Feed(onTop, onState) {
    let settings = null;
    let stream = null;
    let timer = null;
    let generation = 0;
    let retryStreamAt = 0;

    function start(next) {
      settings = next;
      stop();
      if (window.EventSource) {
        openStream();
      } else {
        poll();
      }
    }

    function stop() {
      generation++;
      clearTimeout(timer);
      if (stream) {
        stream.close();
        stream = null;
      }
    }

    function openStream() {
      const mine = generation;
      stream = new EventSource('api/stream?n=' + settings.n);
      stream.addEventListener('top', (event) => {
        if (mine === generation) {
          onState('live');
          onTop(JSON.parse(event.data));
        }
      });
      stream.addEventListener('error', () => {
        if (mine !== generation) {
          return;
        }
        // The browser would retry on its own; polling at the chosen interval is the promised fallback.
        stream.close();
        stream = null;
        retryStreamAt = Date.now() + STREAM_RETRY_MS;
        poll();
      });
    }

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
          onState('polling');
          onTop(top);
        }
      } catch (error) {
        if (mine === generation) {
          onState('offline');
        }
      } finally {
        if (mine === generation) {
          timer = setTimeout(() => {
            if (window.EventSource && Date.now() >= retryStreamAt) {
              generation++;
              openStream();
            } else {
              poll();
            }
          }, settings.intervalS * 1000);
        }
      }
    }

    return { start };
  }

  /** Runs a page: the elements with the ids both pages share, and `settings` = {n, intervalS}. */
  function start(settings, options) {
    const chart = RankChart(document.getElementById('top-chart'), document.getElementById('chart-box'), options.fillBox);
    const tableBody = document.querySelector('#top-table tbody');
    const empty = document.getElementById('empty');
    const updated = document.getElementById('updated');
    const statusLabel = document.getElementById('status-label');
    const staleMark = document.getElementById('stale');
    const transport = document.getElementById('transport');
    let shown = null;
    let lastChange = Date.now();
    let updatedAt = null;
    let state = 'connecting';

    function onTop(top) {
      // Redraw only what changed: a table rebuilt every poll would make a screen reader lose its place.
      const key = JSON.stringify(top);
      if (key === shown) {
        return;
      }
      shown = key;
      lastChange = Date.now();
      chart.show(top.tags);
      tableBody.replaceChildren(...top.tags.map((t, i) => row(i + 1, '#' + t.tag, t.count)));
      empty.hidden = top.tags.length > 0;
      updatedAt = top.updated_at ? new Date(top.updated_at) : null;
      if (updatedAt) {
        updated.textContent = updatedAt.toLocaleTimeString();
        updated.dateTime = top.updated_at;
        updated.title = updatedAt.toLocaleString();
      } else {
        updated.textContent = 'no data yet';
      }
      checkStale();
    }

    function onState(next) {
      state = next;
      if (transport) {
        transport.dataset.transport = next;
        transport.textContent = next === 'live' ? 'live' : next === 'polling' ? 'polling every ' + settings.intervalS + ' s' : '';
      }
      checkStale();
    }

    /** Stale: the server cannot be reached, or the data has not changed for a while. */
    function checkStale() {
      const after = Math.max(STALE_AFTER_MIN_MS, 3 * settings.intervalS * 1000);
      const now = Date.now();
      let reason = null;
      if (state === 'offline') {
        reason = 'stale: cannot reach the server, retrying';
      } else if (now - lastChange > after || (updatedAt && now - updatedAt.getTime() > after)) {
        reason = 'stale: no new data for over ' + Math.round(after / 1000) + ' s';
      }
      staleMark.hidden = reason === null;
      staleMark.textContent = reason || 'stale';
      document.body.classList.toggle('is-stale', reason !== null);
      if (statusLabel) {
        statusLabel.textContent = 'Last update:';
      }
    }

    const feed = Feed(onTop, onState);
    feed.start(settings);
    setInterval(checkStale, 1000);

    return {
      restart(next) {
        settings = next;
        shown = null;
        feed.start(next);
      },
      refreshTheme: chart.refreshTheme,
    };
  }

  function row(rank, tag, count) {
    const tr = document.createElement('tr');
    tr.append(cell(String(rank)), cell(tag), cell(count.toLocaleString('en-US'), 'num'));
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

  /** `text` as a whole number from min to max, or `fallback` if it is anything else. */
  function wholeNumber(text, fallback, min, max) {
    if (text === null || text === undefined || !/^\s*\d+\s*$/.test(text)) {
      return fallback;
    }
    return Math.min(max, Math.max(min, Number(text)));
  }

  return { start, wholeNumber };
})();

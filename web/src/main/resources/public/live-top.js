// The live top hashtags of one view of one source's posts (every network's, or one's), shared by the
// dashboard and the widget: a Chart.js bar chart whose bars slide to their new rank, each with a sparkline
// of its tag's last 24 hours, a table with the same data, the time of the last update, the stream's clock
// and a "stale" mark. Updates come from GET api/stream (Server-Sent Events); when the stream is
// unavailable, from polling GET api/top. Sparklines come from GET api/tags/{tag}/history, at most once a
// minute per tag. Each asks for the page's source (every network's posts or one's), the lists also its view.
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
  const VIEWS = ['surge', '15m', '1h', '24h', 'all'];
  const HISTORY_FRESH_MS = 60000;
  const SPARK_W = 56;
  const SVG = 'http://www.w3.org/2000/svg';

  /** The tags' hourly counts over the last 24 h, by tag as shown: {points: [numbers], at: ms}. */
  const histories = new Map();
  let onHistory = () => {};

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

  /** A bar's number as shown: a count, or a surge score with one decimal. */
  function formatValue(value, surge) {
    return surge ? value.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 }) : value.toLocaleString('en-US');
  }

  /** Draws each bar's number just past its end, and its tag's sparkline after that, moving with the bar. */
  const countLabels = {
    id: 'countLabels',
    afterDatasetsDraw(chart) {
      const ctx = chart.ctx;
      const points = chart.data.datasets[0].data;
      const colors = themeColors();
      ctx.save();
      ctx.font = '600 12px ' + Chart.defaults.font.family;
      ctx.textBaseline = 'middle';
      chart.getDatasetMeta(0).data.forEach((bar, i) => {
        const point = points[i];
        if (!point) {
          return;
        }
        const text = formatValue(point.x, point.surge);
        ctx.fillStyle = colors.ink;
        ctx.fillText(text, bar.x + 6, bar.y);
        const history = histories.get(point.tag);
        const x0 = bar.x + 14 + ctx.measureText(text).width;
        // As wide as there is room for up to the chart's edge, and not at all when that is too little.
        const width = Math.min(SPARK_W, chart.chartArea.right - x0);
        if (history && width >= 24) {
          drawSpark(ctx, history.points, x0, width, bar.y, colors.muted);
        }
      });
      ctx.restore();
    },
  };

  function drawSpark(ctx, points, x0, width, yMid, color) {
    const max = Math.max(1, ...points);
    ctx.strokeStyle = color;
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    points.forEach((v, i) => {
      const x = x0 + (points.length === 1 ? 0 : i * width / (points.length - 1));
      const y = yMid + 7 - (v / max) * 14;
      if (i === 0) {
        ctx.moveTo(x, y);
      } else {
        ctx.lineTo(x, y);
      }
    });
    ctx.stroke();
  }

  /** The same sparkline as an SVG element for the table; built through the DOM, never from markup. */
  function sparkSvg(points) {
    const svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('viewBox', '0 0 88 20');
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', 'Last 24 hours: ' + points.join(', ') + ' per hour');
    const max = Math.max(1, ...points);
    const line = document.createElementNS(SVG, 'polyline');
    line.setAttribute('points', points.map((v, i) =>
      (points.length === 1 ? 0 : i * 86 / (points.length - 1) + 1).toFixed(1) + ',' + (19 - (v / max) * 18).toFixed(1)).join(' '));
    svg.append(line);
    return svg;
  }

  /**
   * Fetches the sparklines of `tags` in `source`'s posts that are missing or older than a minute, then calls
   * onHistory. Kept by tag alone: a page shows one source, and another source is another page.
   */
  async function fetchHistories(tags, source) {
    const now = Date.now();
    const due = tags.filter((t) => !histories.has(t.tag) || now - histories.get(t.tag).at > HISTORY_FRESH_MS);
    if (due.length === 0) {
      return;
    }
    await Promise.all(due.map(async (t) => {
      try {
        const query = new URLSearchParams({ range: '24h', source });
        const response = await fetch('api/tags/' + encodeURIComponent(t.tag) + '/history?' + query, { cache: 'no-store' });
        if (response.ok) {
          const body = await response.json();
          histories.set(t.tag, { points: body.points.map((p) => p.count), at: now });
        }
      } catch (error) {
        // A sparkline is a nicety: without one the bar and its count still show.
      }
    }));
    // Bounded: only the tags on screen keep a sparkline.
    const shown = new Set(tags.map((t) => t.tag));
    Array.from(histories.keys()).filter((k) => !shown.has(k)).forEach((k) => histories.delete(k));
    onHistory();
  }

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
              label: (item) => ' ' + formatValue(item.raw.x, item.raw.surge) + (item.raw.surge ? ' surge score' : ' mentions'),
            },
          },
        },
        scales: {
          x: { beginAtZero: true, grace: '40%', ticks: { precision: 0 }, title: { display: !fillBox, text: 'Mentions', font: { weight: 'bold' } } },
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

    function show(tags, surge) {
      const dataset = chart.data.datasets[0];
      const value = (t) => (surge ? t.score : t.count);
      chart.options.scales.x.title.text = surge ? 'Surge score' : 'Mentions';
      // Keep each tag on the data index it had, so Chart.js animates that bar from its old place.
      const slots = new Array(tags.length).fill(null);
      const previous = new Map(dataset.data.map((p, i) => [p.tag, i]));
      const waiting = [];
      tags.forEach((t, rank) => {
        const i = previous.get(t.tag);
        if (i !== undefined && i < slots.length && slots[i] === null) {
          slots[i] = { x: value(t), y: rank + 1, tag: t.tag, surge };
        } else {
          waiting.push({ x: value(t), y: rank + 1, tag: t.tag, surge });
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

    return { show, redraw: () => chart.update('none'), refreshTheme: () => { applyColors(); chart.update('none'); } };
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
      stream = new EventSource('api/stream?' + listQuery(settings));
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
        const response = await fetch('api/top?' + listQuery(settings), { cache: 'no-store' });
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

  /** The query of api/top and api/stream for `settings`' list. */
  function listQuery(settings) {
    return new URLSearchParams({ view: settings.view, source: settings.source, n: settings.n }).toString();
  }

  /** Runs a page: the elements with the ids both pages share, and `settings` = {view, source, n, intervalS}. */
  function start(settings, options) {
    const chart = RankChart(document.getElementById('top-chart'), document.getElementById('chart-box'), options.fillBox);
    const tableBody = document.querySelector('#top-table tbody');
    const empty = document.getElementById('empty');
    const updated = document.getElementById('updated');
    const statusLabel = document.getElementById('status-label');
    const staleMark = document.getElementById('stale');
    const transport = document.getElementById('transport');
    const clock = document.getElementById('clock');
    const scoreHeader = document.querySelector('#top-table th.score');
    let shown = null;
    let current = [];
    onHistory = () => {
      chart.redraw();
      tableBody.querySelectorAll('td.spark').forEach((td, i) => {
        const history = current[i] && histories.get(current[i].tag);
        td.replaceChildren(...(history ? [sparkSvg(history.points)] : []));
      });
    };
    let lastChange = Date.now();
    let updatedAt = null;
    let serverStale = false;
    let state = 'connecting';

    function onTop(top) {
      // Redraw only what changed: a table rebuilt every poll would make a screen reader lose its place.
      const key = JSON.stringify(top);
      if (key === shown) {
        return;
      }
      shown = key;
      lastChange = Date.now();
      const surge = top.view === 'surge';
      current = top.tags;
      chart.show(top.tags, surge);
      if (scoreHeader) {
        scoreHeader.hidden = !surge;
      }
      tableBody.replaceChildren(...top.tags.map((t, i) => row(i + 1, t, surge)));
      onHistory();
      fetchHistories(top.tags, settings.source);
      if (clock) {
        clock.textContent = top.clock ? new Date(top.clock).toLocaleString() : 'unknown';
        clock.dateTime = top.clock || '';
      }
      empty.hidden = top.tags.length > 0;
      serverStale = top.stale === true;
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
      } else if (serverStale) {
        reason = 'stale: the server cannot read HBase; this is the last list it read';
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

  function row(rank, t, surge) {
    const tr = document.createElement('tr');
    const score = cell(t.score === undefined ? '' : formatValue(t.score, true), 'num');
    score.hidden = !surge;
    tr.append(cell(String(rank)), cell('#' + t.tag), cell(t.count.toLocaleString('en-US'), 'num'),
      cell((t.authors || 0).toLocaleString('en-US'), 'num'), score, cell('', 'spark'));
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

  /** `text` if it names a view, else 'all'. */
  function view(text) {
    return VIEWS.includes(text) ? text : 'all';
  }

  /** The source the server rendered the page for (it knows the networks and checked it), else 'all'. */
  function source(text) {
    return text || 'all';
  }

  return { start, wholeNumber, view, source, VIEWS };
})();

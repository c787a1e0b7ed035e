// The widget: the live chart alone, filling its frame (live-top.js does the work).
'use strict';

TrendTags.start({
  view: TrendTags.view(document.body.dataset.view),
  source: TrendTags.source(document.body.dataset.source),
  n: TrendTags.wholeNumber(document.body.dataset.n, 10, 1, 100),
  intervalS: TrendTags.wholeNumber(document.body.dataset.interval, 5, 1, 3600),
}, { fillBox: true });

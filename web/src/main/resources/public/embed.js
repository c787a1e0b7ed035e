// Embeds the TrendTags widget where this script tag is, as an iframe that takes the size of the element
// around it. One line on any page:
//   <script src="http://127.0.0.1:5001/embed.js" data-view="surge" data-source="mastodon" data-n="10" data-interval="5" data-theme="dark" async></script>
// The widget lives on the TrendTags server's origin: the host page's scripts cannot reach into it.
'use strict';

(function () {
  const script = document.currentScript;
  if (!script || !script.parentNode) {
    return;
  }
  const query = new URLSearchParams();
  ['view', 'source', 'n', 'interval', 'theme'].forEach((name) => {
    const value = script.getAttribute('data-' + name);
    if (value !== null) {
      query.set(name, value);
    }
  });
  const frame = document.createElement('iframe');
  frame.src = new URL('widget?' + query.toString(), script.src).href;
  frame.title = script.getAttribute('data-title') || 'Trending hashtags';
  frame.className = 'trendtags-widget';
  // Through the style object, not a style attribute: allowed under the host page's own CSP too.
  frame.style.display = 'block';
  frame.style.width = '100%';
  frame.style.height = '100%';
  frame.style.minHeight = '240px';
  frame.style.border = '0';
  script.parentNode.insertBefore(frame, script);
})();

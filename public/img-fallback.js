// Images from chat logs often point at hosts that are gone. When one fails, replace it with a labelled
// placeholder that keeps the alt text and a link to the original URL. Listens in the capture phase because
// `error` events on <img> do not bubble; no inline handlers anywhere (the site allows none).
(function () {
  'use strict';
  function degrade(img) {
    if (!img || img.dataset.degraded) return;
    img.dataset.degraded = '1';
    var box = document.createElement('span');
    box.className = 'img-missing';
    box.setAttribute('role', 'img');
    var alt = img.getAttribute('alt') || '';
    var label = '图片无法加载' + (alt ? '：' + alt : '');
    box.setAttribute('aria-label', label);
    box.textContent = label; // textContent: the alt text is chat text and must stay text
    img.replaceWith(box);
  }
  document.addEventListener('error', function (e) {
    var t = e.target;
    if (t && t.tagName === 'IMG' && t.classList.contains('chat-img')) degrade(t);
  }, true);
  // Images that failed before this script ran.
  function sweep() {
    var imgs = document.querySelectorAll('img.chat-img');
    for (var i = 0; i < imgs.length; i++) {
      var img = imgs[i];
      if (img.complete && img.naturalWidth === 0 && img.currentSrc) degrade(img);
    }
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', sweep);
  else sweep();
})();

// A day or thread cut into parts (src/site/pagination.ts): a link `#m<seq>` to a message that lives on another
// part (an old link to the first part, or one typed by hand) is sent to the part that holds it. The parts' nav
// lists each part's range (data-first, data-last), which is also what a reader without script follows.
(function () {
  'use strict';
  function follow() {
    var m = /^#m(\d+)$/.exec(location.hash);
    if (!m || document.getElementById('m' + m[1])) return;
    var seq = Number(m[1]);
    var links = document.querySelectorAll('[data-parts] a[data-first]');
    for (var i = 0; i < links.length; i++) {
      var a = links[i];
      if (seq >= Number(a.getAttribute('data-first')) && seq <= Number(a.getAttribute('data-last'))) {
        if (a.getAttribute('aria-current') !== 'page') location.replace(a.href.split('#')[0] + location.hash);
        return;
      }
    }
  }
  follow();
  window.addEventListener('hashchange', follow);
})();

// depeche report: the filter box (article id or entity text) and the kind
// toggles. Plain JS, no network.
document.addEventListener('DOMContentLoaded', function () {
  var box = document.getElementById('filter');
  var shown = document.getElementById('shown');
  var arts = Array.prototype.slice.call(document.querySelectorAll('.art'));
  function apply() {
    var q = box.value.trim().toLowerCase();
    var n = 0;
    arts.forEach(function (a) {
      var hit = !q || (a.getAttribute('data-id') || '').toLowerCase().indexOf(q) >= 0;
      if (!hit) {
        var marks = a.querySelectorAll('mark[tabindex]');
        for (var i = 0; i < marks.length && !hit; i++) hit = marks[i].textContent.toLowerCase().indexOf(q) >= 0;
      }
      a.hidden = !hit;
      if (hit) n++;
    });
    if (shown) shown.textContent = n + ' / ' + arts.length;
  }
  if (box) box.addEventListener('input', apply);
  document.querySelectorAll('input[data-kind]').forEach(function (c) {
    c.addEventListener('change', function () {
      document.querySelectorAll('mark.k-' + c.getAttribute('data-kind')).forEach(function (m) {
        m.classList.toggle('off', !c.checked);
      });
    });
  });
  // A name of the summary's lists filters the articles that mention it.
  document.querySelectorAll('#summary .top td:first-child').forEach(function (td) {
    td.addEventListener('click', function () {
      if (!box) return;
      box.value = td.textContent;
      apply();
      box.scrollIntoView();
    });
  });
  apply();
});

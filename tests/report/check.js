// Run inside the report by the browser test (tests/report/browser.rs): reads
// the page's DOM, tries the filter, the kind toggle and keyboard focus, and
// writes what it found as JSON into <pre id="depeche-check">.
window.addEventListener('load', function () {
  var r = { errors: window.__depecheErrors || [], sections: [], summary: {}, chart: {} };
  try {
    var s = document.getElementById('summary');
    ['articles', 'records', 'errors', 'entities', 'leftOut'].forEach(function (k) { r.summary[k] = Number(s.dataset[k]); });
    r.summaryFirst = s.getBoundingClientRect().top < document.querySelector('.art').getBoundingClientRect().top;
    document.querySelectorAll('#summary svg.chart g').forEach(function (g) {
      r.chart[g.getAttribute('data-kind')] = Number(g.querySelectorAll('text')[1].textContent);
    });
    r.errorLinks = Array.prototype.map.call(document.querySelectorAll('#summary .errors a'), function (a) {
      var t = document.querySelector(a.getAttribute('href'));
      return t ? t.getAttribute('data-id') : null;
    });
    document.querySelectorAll('.art').forEach(function (a) {
      var ents = {}, focusable = {};
      a.querySelectorAll('mark[data-e]').forEach(function (m) {
        var e = m.getAttribute('data-e');
        // Only the outermost part of a split entity adds its text once.
        if (!(m.parentElement.closest('mark[data-e="' + e + '"]'))) ents[e] = (ents[e] || '') + m.textContent;
        if (m.hasAttribute('tabindex')) focusable[e] = (focusable[e] || 0) + 1;
      });
      r.sections.push({ id: a.getAttribute('data-id'), ents: ents, focusable: focusable });
    });
    r.images = document.querySelectorAll('img').length;
    r.scripts = document.querySelectorAll('script').length;
    var m = document.querySelector('mark[tabindex]');
    r.tipAttr = m.getAttribute('data-tip');
    // The kind toggle.
    var box = document.querySelector('input[data-kind="person"]');
    box.checked = false; box.dispatchEvent(new Event('change'));
    var persons = document.querySelectorAll('mark.k-person');
    r.personsOff = persons.length > 0 && Array.prototype.every.call(persons, function (x) { return x.classList.contains('off'); });
    // The filter box, by article id then by entity text.
    var f = document.getElementById('filter');
    f.value = r.sections[0].id; f.dispatchEvent(new Event('input'));
    r.shownById = document.querySelectorAll('.art:not([hidden])').length;
    f.value = 'Jassy'; f.dispatchEvent(new Event('input'));
    r.shownByEntity = Array.prototype.map.call(document.querySelectorAll('.art:not([hidden])'), function (a) { return a.getAttribute('data-id'); });
    // A name of the summary filters by itself.
    var top = document.querySelector('#summary .top td');
    top.click();
    r.topName = top.textContent;
    r.filterAfterClick = f.value;
  } catch (e) {
    r.errors.push('check: ' + e);
  }
  // Keyboard focus shows the details: the page may get the focus a moment
  // after loading (the browser runs with a virtual time budget), so try again.
  var tries = 0;
  var box = document.getElementById('filter');
  box.value = ''; box.dispatchEvent(new Event('input'));
  function focusThenWrite() {
    try {
      var m = document.querySelector('mark[tabindex]');
      window.focus();
      m.focus();
      r.focused = document.activeElement === m;
      r.focusTip = getComputedStyle(m, '::after').content;
    } catch (e) {
      r.errors.push('focus: ' + e);
    }
    if ((r.focusTip === 'none' || r.focusTip === undefined) && ++tries < 50) return setTimeout(focusThenWrite, 100);
    var pre = document.createElement('pre');
    pre.id = 'depeche-check';
    pre.textContent = JSON.stringify(r);
    document.body.appendChild(pre);
  }
  focusThenWrite();
});

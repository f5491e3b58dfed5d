// Put first in the report's head by the browser test: records script errors
// and console errors, and any alert an injection would raise.
window.__depecheErrors = [];
window.addEventListener('error', function (e) { window.__depecheErrors.push('error: ' + e.message); });
(function () {
  var err = console.error;
  console.error = function () { window.__depecheErrors.push('console.error: ' + Array.prototype.join.call(arguments, ' ')); err.apply(console, arguments); };
  window.alert = function (x) { window.__depecheErrors.push('alert: ' + x); };
})();

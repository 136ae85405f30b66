// Runs before anything else on the page: every uncaught error, rejected promise and console.error is kept in
// window.pageErrors and shown at the top of the page, so a broken chart is visible to a reader and to the
// browser test that reads #page-check.
(function () {
  var errors = window.pageErrors = [];
  function keep(text) {
    errors.push(String(text));
    var box = document.getElementById('page-errors');
    if (box) {
      box.hidden = false;
      box.textContent = 'This page hit ' + errors.length + ' error(s): ' + errors.join(' | ');
    }
  }
  window.addEventListener('error', function (e) {
    keep((e.message || 'error') + (e.filename ? ' at ' + e.lineno + ':' + e.colno : ''));
  });
  window.addEventListener('unhandledrejection', function (e) { keep('unhandled rejection: ' + e.reason); });
  var original = console.error;
  console.error = function () {
    keep(Array.prototype.map.call(arguments, String).join(' '));
    return original.apply(console, arguments);
  };
  window.pageKeepError = keep;
})();

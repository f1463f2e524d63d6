(function () {
  'use strict';
  var form = document.getElementById('filters');
  var count = document.getElementById('f-count');
  var specSelect = document.getElementById('f-spec');
  var search = document.getElementById('f-text');
  var sections = Array.prototype.slice.call(document.querySelectorAll('section.spec'));
  var boxes = Array.prototype.slice.call(form.querySelectorAll('input[name=outcome]'));
  var total = document.querySelectorAll('tr[data-outcome]').length;

  function apply() {
    var wanted = {};
    boxes.forEach(function (b) { wanted[b.value] = b.checked; });
    var spec = specSelect.value, text = search.value.trim().toLowerCase(), shown = 0;
    sections.forEach(function (section) {
      var specOk = !spec || section.getAttribute('data-spec') === spec, n = 0;
      section.querySelectorAll('tr[data-outcome]').forEach(function (row) {
        var ok = specOk && wanted[row.getAttribute('data-outcome')]
          && (!text || row.getAttribute('data-id').toLowerCase().indexOf(text) >= 0);
        row.hidden = !ok;
        if (ok) { n++; }
        var button = row.querySelector('button.toggle-test');
        if (button) { sync(detailsOf(button)); }
      });
      section.hidden = n === 0;
      section.querySelector('.shown').textContent = '(' + n + ' shown)';
      shown += n;
    });
    count.textContent = 'Showing ' + shown + ' of ' + total + ' tests';
  }

  function detailsOf(button) {
    return document.getElementById(button.getAttribute('aria-controls')).querySelector('details');
  }
  function toggleOf(details) {
    return details.closest('tr').previousElementSibling.querySelector('button.toggle-test');
  }
  // The details row shows only while open and while its test's row passes the filters.
  function sync(details) {
    var button = toggleOf(details);
    button.setAttribute('aria-expanded', details.open ? 'true' : 'false');
    details.closest('tr').hidden = !details.open || button.closest('tr').hidden;
  }
  document.documentElement.classList.add('js');
  document.querySelectorAll('button.toggle-test').forEach(function (button) {
    var details = detailsOf(button);
    button.addEventListener('click', function () {
      details.open = !details.open;
      sync(details);
    });
    details.addEventListener('toggle', function () { sync(details); });
    sync(details);
  });

  function reveal(details) {
    var row = toggleOf(details).closest('tr');
    boxes.forEach(function (b) { if (b.value === row.getAttribute('data-outcome')) { b.checked = true; } });
    var section = details.closest('section.spec');
    if (specSelect.value && specSelect.value !== section.getAttribute('data-spec')) { specSelect.value = ''; }
    if (search.value && row.getAttribute('data-id').toLowerCase().indexOf(search.value.trim().toLowerCase()) < 0) {
      search.value = '';
    }
    apply();
  }

  function open(details, alone) {
    var button = toggleOf(details);
    if (alone) { search.value = details.getAttribute('data-test-id'); }
    reveal(details);
    if (!details.open) { button.click(); }
    if (!alone) { button.closest('tr').scrollIntoView({ block: 'start' }); }
  }

  function followHash() {
    var hash = decodeURIComponent(location.hash.slice(1)).replace(/-row$/, '');
    var target = null;
    // "#click=ID" opens a test as a click on it would; "&alone" also filters the page down to it.
    var alone = /&alone$/.test(hash);
    hash = hash.replace(/&alone$/, '');
    if (hash.indexOf('problem=') === 0) {
      // "#problem=METHOD" opens that test method's first problem as a click on its summary would.
      var method = hash.slice('problem='.length);
      var problem = Array.prototype.find.call(document.querySelectorAll('details.problem'), function (d) {
        return d.getAttribute('data-method') === method;
      });
      if (problem && !problem.open) { problem.querySelector('summary').click(); }
      if (problem) { problem.scrollIntoView({ block: 'start' }); }
      return;
    }
    if (hash.indexOf('click=') === 0) {
      var id = hash.slice('click='.length);
      document.querySelectorAll('details[data-test-id]').forEach(function (d) {
        if (d.getAttribute('data-test-id') === id) { target = d; }
      });
    } else if (hash) {
      target = document.getElementById(hash);
    }
    if (target && target.tagName === 'DETAILS') { open(target, alone); }
  }

  form.addEventListener('input', apply);
  form.addEventListener('change', apply);
  form.addEventListener('submit', function (e) { e.preventDefault(); });
  // A failing run opens on what needs attention; passed tests are one tick away.
  var attention = document.querySelector('tr[data-outcome]:not([data-outcome=passed])');
  if (attention) { boxes.forEach(function (b) { if (b.value === 'passed') { b.checked = false; } }); }
  form.hidden = false;
  apply();
  window.addEventListener('hashchange', followHash);
  followHash();
})();

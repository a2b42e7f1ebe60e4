// Integrations admin: progressive enhancement only; every page works without it.
// Copy buttons, the identity-link popup, parent/child checking in the resource tree, tab state, page size,
// the tab of an invalid field, one post per form.
(function () {
  'use strict';

  var root = document.querySelector('.ia-admin');
  var base = root ? root.dataset.base : '';

  // The identity link's success page: it closes itself.
  if (document.body.dataset.role === 'login-success') {
    window.setTimeout(function () { window.close(); }, 1000);
    return;
  }
  if (!root) {
    return;
  }

  // A dialog the server rendered open becomes modal (focus stays in it); Escape leaves it as its Cancel or Done link does.
  root.querySelectorAll('dialog[open]').forEach(function (dialog) {
    dialog.close();
    dialog.showModal();
    dialog.classList.add('modal');
    dialog.addEventListener('cancel', function (event) {
      var leave = dialog.querySelector('a[data-role="done"], .dialog-buttons a.button');
      if (leave) {
        event.preventDefault();
        window.location.href = leave.href;
      }
    });
    var focus = dialog.querySelector('[autofocus]');
    if (focus) {
      focus.focus();
    }
  });

  // Tokens dialog: copy buttons.
  root.querySelectorAll('button[data-copy]').forEach(function (button) {
    button.hidden = false;
    button.addEventListener('click', function () {
      var input = document.getElementById(button.dataset.copy);
      input.select();
      var done = function () { button.textContent = button.textContent.replace(/\s*✓$/, '') + ' ✓'; };
      if (navigator.clipboard) {
        navigator.clipboard.writeText(input.value).then(done, function () { document.execCommand('copy'); done(); });
      } else {
        document.execCommand('copy');
        done();
      }
    });
  });

  // Exchange dialog: the identity link opens in a popup; the grid reloads once the third party is done.
  var link = root.querySelector('a[data-role="identity-link"]');
  if (link) {
    link.addEventListener('click', function (event) {
      var popup = window.open(link.href, 'integration_identity_link', 'width=680,height=510');
      if (!popup) {
        return; // blocked: the link opens in a new tab instead
      }
      event.preventDefault();
      var timer = window.setInterval(function () {
        var finished = popup.closed;
        try {
          finished = finished || popup.location.pathname === base + '/login-success';
        } catch (e) {
          // the popup shows the third party's page (another origin): keep waiting
        }
        if (finished) {
          window.clearInterval(timer);
          window.location.href = link.closest('dialog').querySelector('[data-role="done"]').href;
        }
      }, 500);
    });
  }

  // The form: checking a resource checks what it contains and the resources above it (they are implied),
  // unchecking clears what it contains.
  var tree = document.getElementById('resource-tree');
  if (tree) {
    tree.addEventListener('change', function (event) {
      var box = event.target;
      var item = box.closest('li');
      item.querySelectorAll('input[type="checkbox"]').forEach(function (child) { child.checked = box.checked; });
      if (box.checked) {
        for (var parent = item.parentElement.closest('li'); parent; parent = parent.parentElement.closest('li')) {
          parent.querySelector('input[type="checkbox"]').checked = true;
        }
      }
    });
  }

  // Tabs: keep aria-selected in step with the radio buttons.
  var tabs = root.querySelectorAll('.tab-input');
  var syncTabs = function () {
    tabs.forEach(function (input) {
      var label = root.querySelector('label[for="' + input.id + '"]');
      label.setAttribute('aria-selected', input.checked ? 'true' : 'false');
    });
  };
  tabs.forEach(function (input) { input.addEventListener('change', syncTabs); });
  syncTabs();

  // The form: a field the browser finds invalid on the hidden tab (an e-mail address on Integration Info while the API
  // tab shows) would block Save without a word, since the browser cannot focus it. The tab holding the first invalid
  // field opens, so the browser shows its message there. Without JavaScript the server checks the same fields.
  var integrationForm = document.getElementById('integration-form');
  if (integrationForm) {
    var revealing = false;
    integrationForm.addEventListener('invalid', function (event) {
      var panel = event.target.closest('[data-panel]');
      if (revealing || !panel) {
        return;
      }
      revealing = true; // only the first invalid field of this submit, the one the browser reports
      window.setTimeout(function () { revealing = false; }, 0);
      var tab = document.getElementById('tab-' + panel.dataset.panel);
      if (tab && !tab.checked) {
        tab.checked = true;
        syncTabs();
      }
      event.target.focus();
    }, true);
  }

  // Every form that posts sends one post: a double click or a second Enter is ignored, and the submit buttons are
  // disabled once the browser has read the form (so a clicked button's name and value still go with it).
  root.querySelectorAll('form[method="post"]').forEach(function (form) {
    form.addEventListener('submit', function (event) {
      if (form.dataset.submitted === 'true') {
        event.preventDefault();
        return;
      }
      form.dataset.submitted = 'true';
      window.setTimeout(function () {
        form.querySelectorAll('button[type="submit"], input[type="submit"]').forEach(function (button) { button.disabled = true; });
      }, 0);
    });
  });
  // A page restored from the back/forward cache takes posts again.
  window.addEventListener('pageshow', function (event) {
    if (!event.persisted) {
      return;
    }
    root.querySelectorAll('form[data-submitted]').forEach(function (form) {
      delete form.dataset.submitted;
      form.querySelectorAll('button[type="submit"], input[type="submit"]').forEach(function (button) { button.disabled = false; });
    });
  });

  // Grid: a new page size applies at once.
  var limit = root.querySelector('#grid-filters select[name="limit"]');
  if (limit) {
    limit.addEventListener('change', function () { limit.form.submit(); });
  }
})();

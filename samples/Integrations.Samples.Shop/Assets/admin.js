// The integrations grid's dialogs: Activate/Reauthorize → permissions → Allow → tokens or identity link → Done,
// and Remove → confirmation with the admin's password. Plain JavaScript, no build step.
(function () {
  'use strict';

  function antiforgeryToken() {
    var input = document.querySelector('#antiforgery input[name="__RequestVerificationToken"]');
    return input ? input.value : '';
  }

  function callApi(method, url, body) {
    var init = { method: method, credentials: 'same-origin', headers: { 'RequestVerificationToken': antiforgeryToken() } };
    if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    return fetch(url, init).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        if (!response.ok) {
          throw new Error(data.message || 'Internal error. Check exception log for details.');
        }
        return data;
      });
    });
  }

  function showError(dialog, message) {
    var error = dialog.querySelector('[data-role="error"]');
    error.textContent = message;
    error.hidden = false;
  }

  function clearError(dialog) {
    var error = dialog.querySelector('[data-role="error"]');
    error.textContent = '';
    error.hidden = true;
  }

  function openPermissions(button) {
    var dialog = document.getElementById('permissions-dialog');
    var reauthorize = button.dataset.action === 'reauthorize';
    var id = button.dataset.id;
    clearError(dialog);
    dialog.querySelector('[data-role="title"]').textContent = "Integration '" + button.dataset.name + "'";
    var allow = dialog.querySelector('[data-role="allow"]');
    allow.textContent = reauthorize ? 'Reauthorize' : 'Allow';
    allow.disabled = true;
    callApi('GET', '/admin/api/integrations/' + id + '/permissions').then(function (data) {
      var list = dialog.querySelector('[data-role="resources"]');
      list.replaceChildren();
      data.resources.forEach(function (title) {
        var item = document.createElement('li');
        item.textContent = title;
        list.appendChild(item);
      });
      dialog.querySelector('[data-role="intro"]').textContent = data.resources.length > 0
        ? 'The integration you selected asks you to approve access to the following:'
        : 'No permissions requested';
      allow.disabled = false;
    }, function (error) { showError(dialog, error.message); });
    allow.onclick = function () {
      allow.disabled = true;
      callApi('POST', '/admin/api/integrations/' + id + '/' + (reauthorize ? 'reauthorize' : 'activate')).then(function (data) {
        dialog.close();
        if (data.credentials) {
          showTokens(data.credentials);
        } else {
          showExchange(data.identityLinkUrl);
        }
      }, function (error) {
        allow.disabled = false;
        showError(dialog, error.message);
      });
    };
    dialog.showModal();
  }

  function showTokens(credentials) {
    var dialog = document.getElementById('tokens-dialog');
    dialog.querySelectorAll('[data-token]').forEach(function (input) {
      input.value = credentials[input.dataset.token] || '';
    });
    dialog.querySelector('[data-role="done"]').onclick = function () { location.reload(); };
    dialog.showModal();
  }

  function showExchange(identityLinkUrl) {
    var dialog = document.getElementById('exchange-dialog');
    var link = dialog.querySelector('[data-role="identity-link"]');
    dialog.querySelector('[data-role="done"]').onclick = function () { location.reload(); };
    if (!identityLinkUrl) {
      dialog.showModal();
      return;
    }
    link.href = identityLinkUrl;
    link.hidden = false;
    dialog.showModal();
    var popup = window.open(identityLinkUrl, 'integration_identity_link', 'width=680,height=510');
    if (!popup) {
      window.alert('Popup Blocker is enabled! Please add this site to your exception list.');
      return;
    }
    var timer = window.setInterval(function () {
      var finished = popup.closed;
      try {
        finished = finished || popup.location.pathname === '/admin/integrations/login-success';
      } catch (e) {
        // the popup shows the third party's page (another origin): keep waiting
      }
      if (finished) {
        window.clearInterval(timer);
        location.reload();
      }
    }, 500);
  }

  function openDelete(button) {
    var dialog = document.getElementById('delete-dialog');
    var password = dialog.querySelector('[data-role="password"]');
    var confirm = dialog.querySelector('[data-role="confirm"]');
    clearError(dialog);
    password.value = '';
    confirm.disabled = false;
    confirm.onclick = function () {
      confirm.disabled = true;
      callApi('POST', '/admin/api/integrations/' + button.dataset.id + '/delete', { password: password.value }).then(function () {
        location.reload();
      }, function (error) {
        confirm.disabled = false;
        showError(dialog, error.message);
      });
    };
    dialog.showModal();
  }

  document.addEventListener('click', function (event) {
    var button = event.target.closest('button[data-action], button[data-role="cancel"]');
    if (!button) {
      return;
    }
    if (button.dataset.role === 'cancel') {
      button.closest('dialog').close();
    } else if (button.dataset.action === 'activate' || button.dataset.action === 'reauthorize') {
      openPermissions(button);
    } else if (button.dataset.action === 'delete') {
      openDelete(button);
    }
  });

  // The integration form: Resource Access All hides the tree; checking a resource checks what it contains and
  // the resources above it (they are implied), unchecking clears what it contains.
  var access = document.getElementById('all-resources');
  if (access) {
    var tree = document.getElementById('resource-tree');
    access.addEventListener('change', function () { tree.hidden = access.value === '1'; });
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
})();

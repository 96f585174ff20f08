// CCMT: a refused completion shown on the field it is about, as form-js shows its own errors.
//
// When the server refuses a value (a task's "Complete", or a start form's "Start"), the engine REST
// API answers 400 with {"message": "<key>: <reason>"} (InvalidInputException's format, with the
// engine's "Cannot submit task form <id>: " taken off by TaskRefusalMessages). Tasklist shows that
// message in its notification area only. This script watches those answers (Tasklist's SDK sends
// its requests with XMLHttpRequest), and when the form on the page has the field, it:
// - puts the reason under the field with form-js's own markup and classes (fjs-has-errors on the
//   field, a div.fjs-form-field-error with the id that the input's aria-describedby already names),
// - marks the input aria-invalid and moves the focus to it,
// - and clears all that as soon as the field is edited.
// - and in Tasklist's notification, names the field by its label instead of the variable key
//   ("SSH public key: …" for "sshPublicKey: …"), so that people read only words.
// Editable fields have the id Field_<Key> for the variable <key> (forms/*.form; a test keeps it so),
// and form-js gives their input the DOM id "fjs-form-<form id>-Field_<Key>".
// Text is set with textContent: nothing here is read as HTML. Exports no plugins.
const REFUSABLE = /\/(task\/[^/]+\/(submit-form|complete)|process-definition\/.+\/(submit-form|start))$/;
const REFUSAL = /^([A-Za-z][A-Za-z0-9_]*): ([\s\S]+)$/;
const MARK = 'data-ccmt-refusal';

function fieldId(key) {
  return 'Field_' + key.charAt(0).toUpperCase() + key.slice(1);
}

/** The inputs of the field for this key in the forms on the page, newest form (a modal) last. */
function inputsOf(key) {
  const id = fieldId(key);
  const inputs = Array.from(
    document.querySelectorAll('.fjs-container input, .fjs-container textarea, .fjs-container select')
  ).filter(input => input.id.endsWith('-' + id) || input.id.includes('-' + id + '-'));
  if (!inputs.length) {
    return null;
  }
  const field = inputs[inputs.length - 1].closest('.fjs-form-field');
  return field ? {field, inputs: inputs.filter(input => field.contains(input))} : null;
}

function sentence(reason) {
  const text = reason.trim();
  const capital = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(capital) ? capital : capital + '.';
}

function clear(field) {
  field.querySelectorAll('[' + MARK + ']').forEach(error => error.remove());
  if (!field.querySelector('.fjs-form-field-error')) {
    field.classList.remove('fjs-has-errors');
  }
  field.querySelectorAll('[aria-invalid="true"]').forEach(input => {
    input.setAttribute('aria-invalid', 'false');
  });
}

function errorId(input) {
  const named = (input.getAttribute('aria-describedby') || '')
    .split(/\s+/)
    .find(id => id.endsWith('-error-message'));
  if (named) {
    return named;
  }
  const id = input.id + '-error-message';
  input.setAttribute('aria-describedby', ((input.getAttribute('aria-describedby') || '') + ' ' + id).trim());
  return id;
}

function show({field, inputs}, reason) {
  document.querySelectorAll('[' + MARK + ']').forEach(error => clear(error.closest('.fjs-form-field')));
  const error = document.createElement('div');
  error.className = 'fjs-form-field-error';
  error.setAttribute('aria-live', 'polite');
  error.setAttribute(MARK, '');
  error.id = errorId(inputs[0]);
  const list = document.createElement('ul');
  const item = document.createElement('li');
  item.textContent = sentence(reason);
  list.appendChild(item);
  error.appendChild(list);
  field.appendChild(error);
  field.classList.add('fjs-has-errors');
  inputs.forEach(input => input.setAttribute('aria-invalid', 'true'));
  const onEdit = () => {
    clear(field);
    inputs.forEach(input => {
      input.removeEventListener('input', onEdit);
      input.removeEventListener('change', onEdit);
    });
  };
  inputs.forEach(input => {
    input.addEventListener('input', onEdit);
    input.addEventListener('change', onEdit);
  });
  field.scrollIntoView({block: 'center'});
  inputs[0].focus();
}

/** The field's label as people read it, without form-js's required marker. */
function labelOf(field) {
  const label = field.querySelector('label');
  const text = label ? label.textContent.replace(/\*/g, '').trim() : '';
  return text || null;
}

/**
 * Names the field by its label in the notification that Tasklist shows (now, or a moment later,
 * once its digest has run) for this refusal.
 */
function relabelNotification(key, label) {
  const prefix = key + ': ';
  const relabelled = new WeakSet();
  const relabel = () => {
    document.querySelectorAll('.notifications').forEach(area => {
      const walker = document.createTreeWalker(area, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        // once only: a label may end with the key ("Your comments" for "comments")
        if (!relabelled.has(node) && node.data.includes(prefix) && !node.data.includes(label + ': ')) {
          relabelled.add(node);
          node.data = node.data.split(prefix).join(label + ': ');
        }
      }
    });
  };
  relabel();
  const watcher = new MutationObserver(relabel);
  watcher.observe(document.body, {childList: true, subtree: true, characterData: true});
  setTimeout(() => watcher.disconnect(), 10000);
}

/** The refusal's key and reason when the answer is one and its field is on the page. */
function refusalIn(xhr, text) {
  if (xhr.status !== 400 || !REFUSABLE.test(xhr.ccmtPath || '')) {
    return null;
  }
  let body;
  try {
    body = JSON.parse(text);
  } catch (notJson) {
    return null;
  }
  const match = body && typeof body.message === 'string' ? REFUSAL.exec(body.message) : null;
  if (!match) {
    return null;
  }
  const target = inputsOf(match[1]);
  return target ? {key: match[1], target, reason: match[2]} : null;
}

const open = XMLHttpRequest.prototype.open;
XMLHttpRequest.prototype.open = function (method, url, ...rest) {
  this.ccmtPath = method && method.toUpperCase() === 'POST' ? String(url).split('?')[0] : '';
  return open.call(this, method, url, ...rest);
};

const send = XMLHttpRequest.prototype.send;
XMLHttpRequest.prototype.send = function (...args) {
  if (this.ccmtPath && REFUSABLE.test(this.ccmtPath) && ['', 'text'].includes(this.responseType)) {
    const xhr = this;
    xhr.addEventListener('loadend', () => {
      const refusal = refusalIn(xhr, xhr.responseText);
      if (refusal) {
        show(refusal.target, refusal.reason);
        const label = labelOf(refusal.target.field);
        if (label) {
          relabelNotification(refusal.key, label);
        }
      }
    });
  }
  return send.apply(this, args);
};

export default [];

// Building elements without innerHTML: every string becomes a text node, so nothing a user
// wrote can turn into markup. Attributes are set one by one with setAttribute.

import {SIGNED_OUT} from './api.js';

/**
 * h('a', {href: '/', class: 'brand', testid: 'home-link'}, 'Home', otherNode)
 * Props: `class`, `testid` (data-testid), `on<event>` functions, booleans (present or left
 * out), anything else as an attribute. Children: nodes, strings, numbers, arrays, null.
 */
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (name === 'class') {
      element.className = value;
    } else if (name === 'testid') {
      element.dataset.testid = value;
    } else if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

/** Appends nodes and strings (as text) to an element; arrays are flattened, null is skipped. */
function append(element, children) {
  for (const child of [children].flat(Infinity)) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

/** An element for a form's error: announced by screen readers, hidden while empty. */
export function alertBox(testid = 'form-error') {
  return h('p', {class: 'form-error', role: 'alert', testid, hidden: true});
}

/** An element for a form's good news (a code was sent, …). */
export function noticeBox(testid = 'form-notice') {
  return h('p', {class: 'form-notice', role: 'status', testid, hidden: true});
}

/** Shows a message in an alert or notice box, or hides it when there is none. */
export function say(box, message) {
  box.textContent = message ?? '';
  box.hidden = !message;
}

/**
 * Runs a form's `action(submitter)` when it is submitted, one submission at a time: while it
 * runs, the form's submit buttons are disabled and a second submit (Enter, requestSubmit) is
 * ignored. What goes wrong is shown in `error`, and the form can be sent again.
 *
 * Options:
 * - `ready()`: whether the form may be sent (a message within its limit); checked on submit
 *   and by the returned function, which the form calls when it changes (each keystroke).
 * - `replacesForm`: the action closes or redraws the form when it succeeds; the form stays
 *   busy until then, so nothing is sent twice.
 * - `signedOut()`: called instead of showing the error when the API says the session has
 *   ended (the form stays busy: this leads away to sign in).
 *
 * @returns {() => void} enables or disables the submit buttons for `ready()`
 */
export function onSubmit(form, error, action, {ready = () => true, replacesForm = false, signedOut = null} = {}) {
  let busy = false;
  const update = () => {
    form.querySelectorAll('button[type=submit]').forEach((button) => {
      button.disabled = busy || !ready();
    });
  };
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy || !ready()) {
      return;
    }
    busy = true;
    update();
    say(error, null);
    try {
      await action(event.submitter);
      busy = replacesForm;
    } catch (failure) {
      if (signedOut && failure.code === SIGNED_OUT) {
        signedOut();
        return;
      }
      busy = false;
      say(error, failure.message);
    }
    update();
  });
  return update;
}

/** A labelled input: <div class="field"><label for=id>Label</label><input id=id …></div> */
export function field(label, input, hint) {
  const hintElement = hint ? h('p', {class: 'hint', id: `${input.id}-hint`}, hint) : null;
  if (hintElement) {
    input.setAttribute('aria-describedby', hintElement.id);
  }
  return h('div', {class: 'field'}, h('label', {for: input.id}, label), input, hintElement);
}

/** The page's main heading; the router moves the focus to it after each navigation. */
export function heading(text, testid = 'page-title') {
  return h('h1', {tabindex: '-1', testid}, text);
}

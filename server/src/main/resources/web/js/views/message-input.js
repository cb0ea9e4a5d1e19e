// A textarea with a live count of the characters left, counted as the server counts them.

import {h} from '../dom.js';
import {characterCount} from '../format.js';

/**
 * @param options.name     the textarea's name
 * @param options.value    the text it starts with
 * @param options.required whether empty text is refused (a crud, a reply) or allowed (a bio)
 * @param options.rows     the textarea's height in lines
 * @returns {{element, textarea, valid: () => boolean, onInput: (fn) => void, clear: () => void}}
 */
export function messageInput({id, label, max, placeholder, name = 'message', value = '', required = true, rows = 4}) {
  const textarea = h('textarea', {id, name, rows: String(rows), placeholder, testid: id,
    'aria-describedby': `${id}-counter`});
  textarea.value = value;
  const counter = h('output', {id: `${id}-counter`, class: 'counter', for: id, testid: `${id}-counter`,
    'aria-live': 'polite'});
  const listeners = [];
  const update = () => {
    const left = max - characterCount(textarea.value);
    counter.textContent = String(left);
    counter.title = `${left} of ${max} characters left`;
    counter.classList.toggle('counter-over', left < 0);
    counter.classList.toggle('counter-near', left >= 0 && left < 20);
    listeners.forEach((listener) => listener());
  };
  textarea.addEventListener('input', update);
  update();
  const element = h('div', {class: 'field message-field'},
    h('label', {for: id}, label), textarea, h('div', {class: 'counter-row'}, counter));
  return {
    element,
    textarea,
    valid: () => {
      const count = characterCount(textarea.value);
      return (count > 0 || !required) && count <= max;
    },
    onInput: (listener) => listeners.push(listener),
    clear: () => {
      textarea.value = '';
      update();
    },
  };
}

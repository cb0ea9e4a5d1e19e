// A textarea with a live count of the characters left, counted as the server counts them.

import {h} from '../dom.js';
import {characterCount} from '../format.js';

/**
 * @returns {{element, textarea, valid: () => boolean, onInput: (fn) => void, clear: () => void}}
 */
export function messageInput({id, label, max, placeholder}) {
  const textarea = h('textarea', {id, name: 'message', rows: '4', placeholder, testid: id,
    'aria-describedby': `${id}-counter`});
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
      return count > 0 && count <= max;
    },
    onInput: (listener) => listeners.push(listener),
    clear: () => {
      textarea.value = '';
      update();
    },
  };
}

import {h, heading} from '../dom.js';

export async function notFoundView() {
  document.title = 'Not found · Cruddur';
  return h('section', {},
    heading('Nothing here'),
    h('p', {}, 'This address is not a page of Cruddur. ', h('a', {href: '/'}, 'Go to the home feed'), '.'));
}

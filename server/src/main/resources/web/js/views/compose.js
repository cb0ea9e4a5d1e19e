// The "Crud" button's form, in a modal dialog: message, live counter, expiry, post.

import {alertBox, h, onSubmit} from '../dom.js';
import {bomb} from '../icons.js';
import {signInPath} from '../router.js';
import {messageInput} from './message-input.js';

// Copies of core's PostCrud.MAX_CODE_POINTS and Ttl codes: WebModulesTest and WebAppTest check they agree.
export const MAX_CRUD = 280;

/** The seven lifetimes the API accepts, longest first; 7 days is the default. */
export const TTLS = [
  ['30-days', '30 days'], ['7-days', '7 days'], ['3-days', '3 days'], ['1-day', '1 day'],
  ['12-hours', '12 hours'], ['3-hours', '3 hours'], ['1-hour', '1 hour'],
];
export const DEFAULT_TTL = '7-days';

export class Compose {
  constructor(app) {
    this.app = app;
    this.dialog = h('dialog', {class: 'compose', testid: 'compose', 'aria-labelledby': 'compose-title'});
    document.body.append(this.dialog);
  }

  /** Opens the form; signed out, goes to sign-in first and comes back to it. */
  open() {
    if (!this.app.session.signedIn) {
      this.app.router.navigate(signInPath('/?compose=1'));
      return;
    }
    this.dialog.replaceChildren(this.form());
    this.dialog.showModal();
    this.dialog.querySelector('textarea').focus();
  }

  form() {
    const message = messageInput({id: 'crud-message', label: "What's happening?", max: MAX_CRUD,
      placeholder: 'Say something that will self-destruct…'});
    const ttl = h('select', {id: 'crud-ttl', name: 'ttl', testid: 'crud-ttl'},
      TTLS.map(([value, text]) => h('option', {value, selected: value === DEFAULT_TTL}, text)));
    const error = alertBox('crud-error');
    const submit = h('button', {type: 'submit', class: 'crud-button', testid: 'crud-submit', disabled: true}, 'Crud');
    const cancel = h('button', {type: 'button', class: 'button-quiet', testid: 'crud-cancel',
      onclick: () => this.dialog.close()}, 'Cancel');
    const form = h('form', {class: 'compose-form', novalidate: true},
      h('h2', {id: 'compose-title'}, 'New crud'),
      message.element,
      h('div', {class: 'field field-inline'},
        h('label', {for: 'crud-ttl'}, bomb(), h('span', {}, 'Self-destructs in')), ttl),
      error,
      h('div', {class: 'actions'}, cancel, submit));
    message.onInput(onSubmit(form, error, async () => {
      await this.app.api.post('/api/activities', {message: message.textarea.value, ttl: ttl.value});
      this.dialog.close();
      // Home, on the feed the person was reading there (Following or Everyone): the crud tops both.
      const home = window.location.pathname === '/';
      this.app.router.navigate(home ? `/${window.location.search}` : '/', {replace: home});
    }, {
      ready: message.valid,
      replacesForm: true,
      signedOut: () => {
        this.dialog.close();
        this.app.router.navigate(signInPath('/?compose=1'));
      },
    }));
    return form;
  }
}

// A question before something that cannot be undone, in a modal dialog: Cancel (which has the
// focus, and which Escape also means) or the action. What goes wrong is shown in the dialog.

import {alertBox, h, onSubmit} from '../dom.js';

/**
 * Opens the dialog; it removes itself when closed, and the browser gives the focus back to
 * what had it before.
 *
 * @param options.title    the question, e.g. "Delete this crud?"
 * @param options.text     what follows from it
 * @param options.confirm  the action's button, e.g. "Delete"
 * @param options.action   async () => void: the request; when it resolves the dialog closes
 * @param options.done     () => void: what follows, once the dialog is closed
 * @param options.signedOut called instead of showing the error when the session has ended
 */
export function confirmDialog({title, text, confirm, action, done = () => {}, signedOut = null}) {
  const dialog = h('dialog', {class: 'confirm', role: 'alertdialog', testid: 'confirm-dialog',
    'aria-labelledby': 'confirm-title', 'aria-describedby': 'confirm-text'});
  const error = alertBox('confirm-error');
  const cancel = h('button', {type: 'button', class: 'button-quiet', testid: 'confirm-cancel',
    onclick: () => dialog.close()}, 'Cancel');
  const form = h('form', {novalidate: true},
    h('h2', {id: 'confirm-title'}, title),
    h('p', {id: 'confirm-text'}, text),
    error,
    h('div', {class: 'actions'}, cancel,
      h('button', {type: 'submit', class: 'crud-button danger-button', testid: 'confirm-submit'}, confirm)));
  onSubmit(form, error, async () => {
    await action();
    dialog.close();
    done();
  }, {
    replacesForm: true,
    signedOut: signedOut && (() => {
      dialog.close();
      signedOut();
    }),
  });
  dialog.addEventListener('close', () => dialog.remove());
  dialog.append(form);
  document.body.append(dialog);
  dialog.showModal();
  cancel.focus();
}

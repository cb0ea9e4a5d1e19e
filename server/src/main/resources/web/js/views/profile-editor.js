// The signed-in person's own name and bio, and who may message them, in a modal dialog. The bio
// has a live counter; what the server refuses (a 422) is shown under the field it is about.

import {alertBox, field, h, onSubmit, say} from '../dom.js';
import {signInPath} from '../router.js';
import {messageInput} from './message-input.js';

// Copies of core's Profiles.MAX_BIO_CHARS and of the display name's limit: WebModulesTest checks they agree.
export const MAX_BIO = 160;
export const MAX_NAME = 100;

/**
 * Opens the editor; it removes itself when closed.
 * @param profile the person's profile, as GET /api/users/@{handle} answered it
 * @param saved   (profile) => void: after the server took the change, with its answer
 */
export function editProfile(app, profile, saved) {
  const dialog = h('dialog', {class: 'compose', testid: 'profile-editor', 'aria-labelledby': 'profile-editor-title'});
  const name = h('input', {id: 'edit-display-name', name: 'display_name', type: 'text', testid: 'edit-display-name',
    autocomplete: 'name', value: profile.display_name});
  const nameError = alertBox('edit-display-name-error');
  const bio = messageInput({id: 'edit-bio', label: 'Bio', max: MAX_BIO, name: 'bio', value: profile.bio,
    required: false, placeholder: 'A few words about you'});
  const bioError = alertBox('edit-bio-error');
  const whoMayWrite = messagesFromField(profile.messages_from ?? 'following');
  const error = alertBox('edit-error');
  const nameField = field('Display name', name, `Up to ${MAX_NAME} characters. Left empty, your @handle is shown.`);
  nameField.append(nameError);
  bio.element.append(bioError);
  const fields = [{key: 'display_name', input: name, box: nameError}, {key: 'bio', input: bio.textarea, box: bioError}];

  /** Each violation under its field; true when every one had a field to go under. */
  const showViolations = (violations) => {
    fields.forEach(({key, input, box}) => {
      const mine = violations.filter((violation) => violation.field === key);
      say(box, mine.map((violation) => violation.message).join(' ') || null);
      if (mine.length > 0) {
        input.setAttribute('aria-invalid', 'true');
      } else {
        input.removeAttribute('aria-invalid');
      }
    });
    return violations.length > 0 && violations.every((violation) => fields.some(({key}) => key === violation.field));
  };

  const cancel = h('button', {type: 'button', class: 'button-quiet', testid: 'edit-cancel',
    onclick: () => dialog.close()}, 'Cancel');
  const form = h('form', {class: 'compose-form', novalidate: true},
    h('h2', {id: 'profile-editor-title'}, 'Edit profile'),
    nameField,
    bio.element,
    whoMayWrite.element,
    error,
    h('div', {class: 'actions'}, cancel,
      h('button', {type: 'submit', class: 'crud-button', testid: 'edit-save'}, 'Save')));
  bio.onInput(onSubmit(form, error, async () => {
    showViolations([]);
    let answer;
    try {
      answer = await app.api.post('/api/profile/update', {display_name: name.value, bio: bio.textarea.value,
        messages_from: whoMayWrite.value()});
    } catch (failure) {
      if (failure.status === 422 && showViolations(failure.violations)) {
        dialog.querySelector('[aria-invalid]')?.focus();
        return;
      }
      throw failure;
    }
    dialog.close();
    saved(answer.data);
  }, {
    ready: bio.valid,
    signedOut: () => {
      dialog.close();
      app.router.navigate(signInPath(window.location.pathname));
    },
  }));

  dialog.addEventListener('close', () => dialog.remove());
  dialog.append(form);
  document.body.append(dialog);
  dialog.showModal();
  name.focus();
}

/** The choices of who may send the person messages, as the API names them. */
const MESSAGES_FROM = [['everyone', 'Everyone'], ['following', 'Only people I follow']];

/** "Who can message you": two radio buttons in a fieldset (the arrow keys move between them). */
function messagesFromField(chosen) {
  const choices = MESSAGES_FROM.map(([value, label]) => {
    const id = `edit-messages-from-${value}`;
    return h('label', {class: 'choice', for: id},
      h('input', {type: 'radio', id, name: 'messages_from', value, testid: id, checked: value === chosen}), label);
  });
  const element = h('fieldset', {class: 'field choices', testid: 'edit-messages-from'},
    h('legend', {}, 'Who can message you'), choices);
  return {element, value: () => element.querySelector('input:checked')?.value ?? chosen};
}

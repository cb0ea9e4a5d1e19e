// A crud's own page: the crud, its replies (newest first, "Load more") and the reply form.

import {withQuery} from '../api.js';
import {alertBox, h, heading, onSubmit, say} from '../dom.js';
import {signInPath} from '../router.js';
import {activityCard} from './activity.js';
import {messageInput} from './message-input.js';

// A copy of core's ReplyToCrud.MAX_CODE_POINTS: WebModulesTest checks they agree.
export const MAX_REPLY = 1024;

export async function crudView(app, [uuid], url) {
  const first = await app.api.get(`/api/activities/${encodeURIComponent(uuid)}`, {auth: 'optional'});
  const crud = first.data;
  document.title = `${crud.display_name}: “${[...crud.message].slice(0, 40).join('')}” · Cruddur`;

  const replies = h('ol', {class: 'feed replies', testid: 'replies'});
  const more = h('button', {type: 'button', class: 'button-quiet load-more', testid: 'load-more', hidden: true},
    'More replies');
  const moreError = alertBox('feed-error');
  const showReplies = (items, cursor) => {
    // A deleted reply leaves, and the crud's count of replies with it: the page is drawn again.
    items.forEach((item) => replies.append(h('li', {},
      activityCard(app, item, {onDeleted: () => app.router.dispatch()}))));
    more.hidden = !cursor;
    more.dataset.cursor = cursor ?? '';
  };
  more.addEventListener('click', async () => {
    more.disabled = true;
    try {
      const page = await app.api.get(withQuery(`/api/activities/${crud.uuid}`, {cursor: more.dataset.cursor}),
        {auth: 'optional'});
      showReplies(page.data.replies, page.nextCursor);
      say(moreError, null);
    } catch (failure) {
      say(moreError, failure.message);
    } finally {
      more.disabled = false;
    }
  });
  showReplies(crud.replies, first.nextCursor);

  return h('section', {},
    heading(crud.reply_to_activity_uuid ? 'Reply' : 'Crud'),
    activityCard(app, crud, {big: true, parentLink: true, onDeleted: () => app.router.navigate(
      crud.reply_to_activity_uuid ? `/cruds/${crud.reply_to_activity_uuid}` : '/', {replace: true})}),
    replyForm(app, crud, url),
    h('h2', {class: 'section-title'}, 'Replies'),
    crud.replies.length === 0 ? h('p', {class: 'empty', testid: 'no-replies'}, 'No replies yet.') : null,
    replies, moreError, more);
}

function replyForm(app, crud, url) {
  if (!app.session.signedIn) {
    return h('p', {class: 'sign-in-to-reply'},
      h('a', {href: signInPath(url.pathname), testid: 'signin-to-reply'}, 'Sign in to reply'));
  }
  const message = messageInput({id: 'reply-message', label: `Reply to @${crud.handle}`, max: MAX_REPLY,
    placeholder: 'Write a reply…'});
  const error = alertBox('reply-error');
  const submit = h('button', {type: 'submit', class: 'crud-button', testid: 'reply-submit', disabled: true}, 'Reply');
  const form = h('form', {class: 'reply-form', novalidate: true}, message.element, error, h('div', {class: 'actions'}, submit));
  message.onInput(onSubmit(form, error, async () => {
    await app.api.post(`/api/activities/${crud.uuid}/reply`, {message: message.textarea.value});
    app.router.dispatch(); // the page again: the new reply and the new count
  }, {
    ready: message.valid,
    replacesForm: true,
    signedOut: () => app.router.navigate(signInPath(url.pathname)),
  }));
  return form;
}

// One crud as a card, and a feed of them with "Load more" through the API's cursor.

import {withQuery} from '../api.js';
import {alertBox, h, say} from '../dom.js';
import {fullDate, relativeAge, timeLeft} from '../format.js';
import {bomb, reply} from '../icons.js';

/** The message as text, with #hashtags as links to their search; never parsed as markup. */
function messageText(message) {
  const paragraph = h('p', {class: 'message', testid: 'message'});
  let last = 0;
  for (const match of message.matchAll(/(^|[^\p{L}\p{N}_#])(#[\p{L}\p{N}_]+)/gu)) {
    const start = match.index + match[1].length;
    paragraph.append(message.slice(last, start));
    paragraph.append(h('a', {href: withQuery('/search', {term: match[2]}), class: 'hashtag'}, match[2]));
    last = start + match[2].length;
  }
  paragraph.append(message.slice(last));
  return paragraph;
}

/**
 * @param options.parentLink show "In reply to …" when the activity is a reply
 * @param options.big        the crud a page is about
 */
export function activityCard(activity, {parentLink = false, big = false} = {}) {
  const userPage = `/@${encodeURIComponent(activity.handle)}`;
  const crudPage = `/cruds/${activity.uuid}`;
  const replies = activity.replies_count;
  const left = timeLeft(activity.expires_at);
  return h('article', {class: big ? 'crud crud-big' : 'crud', testid: 'activity', 'data-uuid': activity.uuid},
    h('header', {class: 'crud-header'},
      h('a', {href: userPage, class: 'display-name', testid: 'display-name'}, activity.display_name),
      h('a', {href: userPage, class: 'handle', testid: 'handle'}, `@${activity.handle}`),
      h('a', {href: crudPage, class: 'age', testid: 'age', title: fullDate(activity.created_at)},
        h('time', {datetime: activity.created_at}, relativeAge(activity.created_at)))),
    parentLink && activity.reply_to_activity_uuid
      ? h('p', {class: 'in-reply-to'}, h('a', {href: `/cruds/${activity.reply_to_activity_uuid}`, testid: 'in-reply-to'},
        'In reply to a crud'))
      : null,
    messageText(activity.message),
    h('footer', {class: 'crud-footer'},
      h('a', {href: crudPage, class: 'replies', testid: 'replies-count',
        'aria-label': `${replies} ${replies === 1 ? 'reply' : 'replies'}`}, reply(), h('span', {}, String(replies))),
      h('span', {class: 'expires', testid: 'expires', title: `Self-destructs ${fullDate(activity.expires_at)}`},
        bomb(), h('span', {}, left === 'expired' ? 'expired' : `${left} left`))));
}

/**
 * A feed: the first page is loaded before the element is returned; "Load more" fetches the next.
 * @param path     the API path of the feed (query parameters allowed)
 * @param options.auth   whether the feed needs the access token
 * @param options.empty  what to say when there is nothing
 * @param options.render how one item of the list is shown (an activity card by default)
 */
export async function feed(app, path, {auth = false, empty = 'Nothing here yet.', parentLink = false, testid = 'feed',
  render = activity => activityCard(activity, {parentLink})} = {}) {
  const list = h('ol', {class: 'feed', testid});
  const error = alertBox('feed-error');
  const more = h('button', {type: 'button', class: 'button-quiet load-more', testid: 'load-more', hidden: true}, 'Load more');
  const nothing = h('p', {class: 'empty', testid: 'feed-empty', hidden: true}, empty);
  let cursor = null;

  const load = async () => {
    more.disabled = true;
    say(error, null);
    try {
      const page = await app.api.get(withQuery(path, {cursor}), {auth});
      for (const item of page.data) {
        list.append(h('li', {}, render(item)));
      }
      cursor = page.nextCursor;
      more.hidden = !cursor;
      nothing.hidden = list.childElementCount > 0;
    } catch (failure) {
      say(error, failure.message);
    } finally {
      more.disabled = false;
    }
  };
  more.addEventListener('click', load);
  await load();
  return h('section', {class: 'feed-section'}, list, nothing, error, more);
}

// Direct messages. /messages: the signed-in person's conversations, the one with the latest
// message first. /messages/{uuid}: one conversation as a chat, oldest at the top and newest at
// the bottom, older ones on demand, the composer under them. /messages/@handle: the first
// message to someone (the Message button on a profile); once sent, the conversation's own page.
// New messages come without a reload: the one poll of the unread counts (js/unread.js) says
// when someone last sent the person a message, and the page on the screen then reads its first
// page again.

import {ApiError, withQuery} from '../api.js';
import {alertBox, h, heading, onSubmit, say} from '../dom.js';
import {fullDate, relativeAge, timeLeft} from '../format.js';
import {bomb, trash} from '../icons.js';
import {signInPath} from '../router.js';
import {countText} from '../unread.js';
import {messageText, pagedList} from './activity.js';
import {DEFAULT_TTL, TTLS} from './compose.js';
import {confirmDialog} from './confirm.js';
import {messageInput} from './message-input.js';
import {noSuchUser, readProfile} from './user.js';

// A copy of core's limit on a message's length: WebModulesTest checks they agree.
export const MAX_MESSAGE = 1024;

/** How close to the bottom (px) the reader must be for a new message to scroll the page down to it. */
const NEAR_THE_END = 120;

function conversationPath(uuid) {
  return `/messages/${encodeURIComponent(uuid)}`;
}

function profilePath(handle) {
  return `/@${encodeURIComponent(handle)}`;
}

/** Messages are the signed-in person's own: signed out there is nothing to show but the way in. */
function signedOutPage(path) {
  document.title = 'Messages · Cruddur';
  return h('section', {}, heading('Messages'),
    h('p', {class: 'empty', testid: 'messages-signed-out'}, 'Sign in to read and send messages. ',
      h('a', {href: signInPath(path), testid: 'messages-signin'}, 'Sign in')));
}

// ---------- the list of conversations ----------

/** One conversation of the list: who, when, the first line of the latest message, how many unread. */
function conversationItem(group) {
  const unread = group.unread_count > 0 ? countText(group.unread_count, 'message', 'messages') : null;
  return h('a', {href: conversationPath(group.uuid), class: unread ? 'conversation unread' : 'conversation',
    testid: 'conversation', 'data-uuid': group.uuid},
  h('span', {class: 'conversation-top'},
    h('span', {class: 'display-name', testid: 'display-name'}, group.display_name),
    h('span', {class: 'handle', testid: 'handle'}, `@${group.handle}`),
    h('time', {class: 'age', testid: 'age', datetime: group.created_at, title: fullDate(group.created_at)},
      relativeAge(group.created_at))),
  h('span', {class: 'conversation-bottom'},
    h('span', {class: 'conversation-message', testid: 'conversation-message'}, group.message),
    unread ? h('span', {class: 'unread-badge', testid: 'conversation-unread', role: 'img', 'aria-label': unread.label},
      unread.text) : null));
}

export async function messagesView(app) {
  document.title = 'Messages · Cruddur';
  if (!app.session.signedIn) {
    return signedOutPage('/messages');
  }
  const list = () => pagedList(app, '/api/message_groups', conversationItem, {
    auth: true, testid: 'conversations', listClass: 'feed conversations',
    empty: 'No messages yet. To write to someone, open their profile and press Message.',
  });
  let conversations = await list();
  const page = h('section', {}, heading('Messages'), conversations);
  // Someone wrote: the list again from the top (their conversation moves up, with its count),
  // the focus kept on the conversation it was on.
  app.unread.watch(page, async () => {
    const focused = document.activeElement?.closest?.('[data-testid=conversation]')?.dataset.uuid;
    const fresh = await list();
    if (!conversations.isConnected) {
      return;
    }
    conversations.replaceWith(fresh);
    conversations = fresh;
    if (focused) {
      [...fresh.querySelectorAll('[data-testid=conversation]')].find((item) => item.dataset.uuid === focused)?.focus();
    }
  });
  return page;
}

// ---------- one conversation ----------

/** The address of a conversation that is not the person's, or no longer exists. */
function noSuchConversation() {
  document.title = 'No such conversation · Cruddur';
  return h('section', {}, heading('No such conversation'),
    h('p', {class: 'empty', testid: 'page-error'},
      'This conversation does not exist, or all its messages have self-destructed. ',
      h('a', {href: '/messages', testid: 'back-to-messages'}, 'All messages')));
}

/** "← All messages", then the other person's name as the page's heading and their handle. */
function conversationHeader(person, title) {
  return [
    h('p', {class: 'aside back-link'}, h('a', {href: '/messages', testid: 'back-to-messages'}, '← All messages')),
    h('header', {class: 'profile conversation-header'},
      heading(title),
      h('p', {class: 'handle'}, h('a', {href: profilePath(person.handle), testid: 'conversation-handle'},
        `@${person.handle}`))),
  ];
}

export async function conversationView(app, [uuid]) {
  if (!app.session.signedIn) {
    return signedOutPage(conversationPath(uuid));
  }
  let group;
  try {
    group = (await app.api.get(`/api/message_groups/${encodeURIComponent(uuid)}`, {auth: true})).data;
  } catch (failure) {
    if (failure instanceof ApiError && failure.status === 404) {
      return noSuchConversation();
    }
    throw failure;
  }
  document.title = `${group.display_name} (@${group.handle}) · Messages · Cruddur`;
  const form = composer(app, group, {message_group_uuid: group.uuid}, (message) => chat.add(message));
  const chat = chatLog(app, group, () => form.textarea.focus());
  await chat.loadNewest();
  app.unread.refresh(); // reading the first page marked the conversation read: the badge follows
  const page = h('section', {class: 'conversation-page'}, conversationHeader(group, group.display_name),
    chat.element, form.element);
  app.unread.watch(page, () => chat.loadNewest().then(() => app.unread.refresh()));
  // Where a chat is read and written: the composer has the focus, the newest message is in view.
  app.focusAfterRender = form.textarea;
  setTimeout(() => chat.scrollToEnd());
  return page;
}

/**
 * The messages of a conversation, oldest at the top; "Older messages" above them asks for the
 * next page. `loadNewest()` reads the first page (the newest) and adds what is not shown yet,
 * takes away what it no longer has (deleted, or self-destructed), and announces the new ones.
 */
function chatLog(app, group, afterDelete) {
  const path = `/api/messages/${encodeURIComponent(group.uuid)}`;
  const list = h('ol', {class: 'chat', testid: 'chat', 'aria-label': `Messages with ${group.display_name}`});
  // Read out by screen readers when messages arrive; the log itself is not a live region, so
  // loading older messages or the first page says nothing.
  const announcer = h('p', {class: 'visually-hidden', 'aria-live': 'polite', testid: 'chat-announcer'});
  const older = h('button', {type: 'button', class: 'button-quiet load-more', testid: 'older-messages', hidden: true},
    'Older messages');
  const empty = h('p', {class: 'empty', testid: 'chat-empty', hidden: true},
    `No messages with ${group.display_name} right now: they have self-destructed, or were deleted.`);
  const error = alertBox('chat-error');
  const shown = new Map(); // uuid → its <li>
  let cursor = null;
  let loaded = false;

  const remove = (uuid) => {
    shown.get(uuid)?.remove();
    shown.delete(uuid);
    empty.hidden = shown.size > 0;
  };
  /** Puts a message in its place by time (what comes in is almost always the newest). */
  const insert = (message) => {
    const at = Date.parse(message.created_at);
    const item = h('li', {class: message.mine ? 'chat-item mine' : 'chat-item theirs', testid: 'chat-message',
      'data-uuid': message.uuid, 'data-at': String(at)},
    messageBubble(app, message, () => {
      remove(message.uuid);
      afterDelete();
    }));
    const after = [...list.children].find((other) => Number(other.dataset.at) > at);
    list.insertBefore(item, after ?? null);
    shown.set(message.uuid, item);
    empty.hidden = true;
  };
  const nearTheEnd = () => window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - NEAR_THE_END;
  const scrollToEnd = () => window.scrollTo(0, document.documentElement.scrollHeight);

  older.addEventListener('click', async () => {
    older.disabled = true;
    try {
      const page = await app.api.get(withQuery(path, {cursor}), {auth: true});
      say(error, null);
      // What was read stays in place: the message that was at the top is put back where it was
      // on the screen (a browser that anchors the scroll itself has done so already).
      const anchor = list.firstElementChild;
      const top = anchor?.getBoundingClientRect().top;
      page.data.filter((message) => !shown.has(message.uuid)).forEach(insert);
      cursor = page.nextCursor;
      const hadFocus = document.activeElement === older;
      older.hidden = !cursor;
      if (anchor) {
        window.scrollBy(0, anchor.getBoundingClientRect().top - top);
      }
      if (hadFocus && !cursor) {
        document.querySelector('main h1')?.focus({preventScroll: true});
      }
    } catch (failure) {
      say(error, failure.message);
    } finally {
      older.disabled = false;
    }
  });

  return {
    element: h('div', {class: 'chat-section'}, older, error, list, empty, announcer),
    scrollToEnd,

    async loadNewest() {
      const before = new Set(shown.keys()); // a message sent while this is on its way stays
      let page;
      try {
        page = await app.api.get(path, {auth: true});
      } catch (failure) {
        say(error, failure.message);
        return;
      }
      say(error, null);
      const newestFirst = page.data;
      if (!loaded) {
        loaded = true;
        cursor = page.nextCursor;
        older.hidden = !cursor;
      }
      // The page covers everything from its oldest message on (everything, when it is the last).
      const from = page.nextCursor && newestFirst.length > 0 ? Date.parse(newestFirst.at(-1).created_at) : -Infinity;
      const kept = new Set(newestFirst.map((message) => message.uuid));
      for (const uuid of before) {
        if (!kept.has(uuid) && Number(shown.get(uuid)?.dataset.at) >= from) {
          remove(uuid);
        }
      }
      const follow = nearTheEnd();
      const arrived = [...newestFirst].reverse().filter((message) => !shown.has(message.uuid));
      arrived.forEach(insert);
      const theirs = arrived.filter((message) => !message.mine);
      if (before.size > 0 && theirs.length > 0) {
        announcer.textContent = theirs.map((message) => `${message.display_name}: ${message.message}`).join('\n');
      }
      if (arrived.length > 0 && follow) {
        scrollToEnd();
      }
      empty.hidden = shown.size > 0;
    },

    /** A message the person just sent: at the bottom, in view. */
    add(message) {
      if (!shown.has(message.uuid)) {
        insert({...message, mine: true});
      }
      scrollToEnd();
    },
  };
}

/** One message: who wrote it (for screen readers; the side says it to the eye), the text, when, how long left. */
function messageBubble(app, message, deleted) {
  const left = timeLeft(message.expires_at);
  return h('article', {class: 'bubble'},
    h('span', {class: 'visually-hidden', testid: 'sender'}, message.mine ? 'You:' : `${message.display_name}:`),
    messageText(message.message),
    h('footer', {class: 'bubble-footer'},
      h('time', {class: 'age', testid: 'age', datetime: message.created_at, title: fullDate(message.created_at)},
        relativeAge(message.created_at)),
      h('span', {class: 'expires', testid: 'expires', title: `Self-destructs ${fullDate(message.expires_at)}`},
        bomb(), h('span', {}, left === 'expired' ? 'expired' : `${left} left`)),
      message.mine ? h('button', {type: 'button', class: 'action action-delete', testid: 'delete-message',
        title: 'Delete this message', 'aria-label': 'Delete this message', onclick: () => confirmDialog({
          title: 'Delete this message?',
          text: 'It goes at once, for both of you. This cannot be undone.',
          confirm: 'Delete',
          action: () => app.api.delete(`/api/messages/${encodeURIComponent(message.uuid)}`),
          done: deleted,
          signedOut: () => app.router.navigate(signInPath(window.location.pathname)),
        })}, trash()) : null));
}

/** What the server's refusals mean for the person writing, in words. */
function explain(failure, recipient) {
  if (failure instanceof ApiError && failure.code === 'messages_not_accepted') {
    return new Error(`${recipient.display_name} (@${recipient.handle}) accepts messages only from people they follow, `
      + 'and does not follow you, so your message was not sent.');
  }
  return failure;
}

/**
 * The composer: the message with its counter, when it self-destructs, Send. Enter sends and
 * Shift+Enter starts a new line. What is sent is cleared; what fails stays, with the reason.
 * @param to   {message_group_uuid} or {handle}: where the message goes
 * @param sent (message) => void: the server's answer, once it took the message
 */
function composer(app, recipient, to, sent) {
  const message = messageInput({id: 'dm-message', label: `Message to ${recipient.display_name}`, max: MAX_MESSAGE,
    placeholder: 'Write a message…', rows: 2});
  message.textarea.setAttribute('aria-describedby', 'dm-message-counter dm-message-hint');
  message.textarea.setAttribute('enterkeyhint', 'send');
  const ttl = h('select', {id: 'dm-ttl', name: 'ttl', testid: 'dm-ttl'},
    TTLS.map(([value, text]) => h('option', {value, selected: value === DEFAULT_TTL}, text)));
  const error = alertBox('dm-error');
  // The hint goes on the counter's line: on a phone every line the composer takes is one the chat loses.
  message.element.querySelector('.counter-row').prepend(
    h('p', {class: 'hint', id: 'dm-message-hint'}, 'Enter sends; Shift+Enter starts a new line.'));
  const form = h('form', {class: 'chat-composer', testid: 'dm-composer', novalidate: true},
    message.element,
    error,
    h('div', {class: 'chat-composer-row'},
      h('div', {class: 'field field-inline'}, h('label', {for: 'dm-ttl'}, bomb(), h('span', {}, 'Self-destructs in')), ttl),
      h('button', {type: 'submit', class: 'crud-button', testid: 'dm-submit', disabled: true}, 'Send')));
  message.textarea.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit(); // refused by onSubmit while empty, too long, or the last one is on its way
    }
  });
  message.onInput(onSubmit(form, error, async () => {
    const text = message.textarea.value;
    let answer;
    try {
      answer = await app.api.post('/api/messages', {message: text, ttl: ttl.value, ...to});
    } catch (failure) {
      throw explain(failure, recipient);
    }
    // What was typed while the message was on its way stays in the box.
    const typed = message.textarea.value;
    message.clear();
    if (typed !== text && typed.startsWith(text)) {
      message.textarea.value = typed.slice(text.length).trimStart();
      message.textarea.dispatchEvent(new Event('input'));
    }
    message.textarea.focus();
    sent(answer.data);
  }, {
    ready: message.valid,
    signedOut: () => app.router.navigate(signInPath(window.location.pathname)),
  }));
  return {element: form, textarea: message.textarea};
}

// ---------- the first message to someone ----------

/** The person's conversation with this handle, if it is among their latest ones. */
async function conversationWith(app, handle) {
  try {
    const {data} = await app.api.get('/api/message_groups', {auth: true});
    return data.find((group) => group.handle.toLowerCase() === handle.toLowerCase()) ?? null;
  } catch {
    return null; // sending by handle continues their conversation all the same
  }
}

export async function newConversationView(app, [handle]) {
  if (!app.session.signedIn) {
    return signedOutPage(`/messages/@${encodeURIComponent(handle)}`);
  }
  const profile = await readProfile(app, handle);
  if (!profile) {
    return noSuchUser(handle);
  }
  if (app.session.is(profile.handle)) {
    document.title = 'Messages · Cruddur';
    return h('section', {}, heading('Messages'),
      h('p', {class: 'empty', testid: 'page-error'}, 'Messages go to other people: you cannot send one to yourself.'));
  }
  const existing = await conversationWith(app, profile.handle);
  if (existing) {
    // They have talked already: the conversation itself, with what was said.
    queueMicrotask(() => app.router.navigate(conversationPath(existing.uuid), {replace: true}));
    return h('section', {}, h('p', {class: 'loading'}, 'Opening the conversation…'));
  }
  document.title = `Message ${profile.display_name} · Cruddur`;
  const header = conversationHeader(profile, `Message ${profile.display_name}`);
  if (profile.can_message === false) {
    return h('section', {class: 'conversation-page'}, header,
      h('p', {class: 'form-error', testid: 'messages-not-accepted'},
        `${profile.display_name} accepts messages only from people they follow, and does not follow you.`));
  }
  const form = composer(app, profile, {handle: profile.handle},
    (message) => app.router.navigate(conversationPath(message.message_group_uuid), {replace: true}));
  app.focusAfterRender = form.textarea;
  return h('section', {class: 'conversation-page'}, header,
    h('p', {class: 'empty', testid: 'chat-empty'},
      `You have no messages with ${profile.display_name} yet. The first one you send starts the conversation.`),
    form.element);
}

// Sign up, confirm, sign in and forgotten passwords, spoken to Cognito (or the development
// provider) directly from the browser. Every error Cognito answers is shown beside its form.

import {withQuery} from '../api.js';
import {alertBox, field, h, heading, noticeBox, onSubmit, say} from '../dom.js';
import {safeNext} from '../router.js';

const PASSWORD_HINT = 'At least 8 characters, with an upper-case letter, a lower-case letter, a digit and a symbol.';

function input(id, type, attributes = {}) {
  return h('input', {id, name: id, type, required: true, testid: id, ...attributes});
}

/** Where the codes are when no email is sent: the development provider writes them to the server log. */
function codeHint(app, email, label) {
  if (app.config.identity_mode !== 'local') {
    return null;
  }
  return h('p', {class: 'hint dev-hint', testid: 'dev-code-hint'},
    'Development mode: no email is sent. The code is in the terminal running ', h('code', {}, 'cruddur serve'),
    ', on the line ', h('code', {}, `${label} for ${email || 'your email'}: …`), '.');
}

function page(title, ...content) {
  document.title = `${title} · Cruddur`;
  return h('section', {class: 'account-page'}, heading(title), ...content);
}

export async function signUpView(app) {
  const name = input('signup-name', 'text', {autocomplete: 'name', maxlength: '100'});
  const email = input('signup-email', 'email', {autocomplete: 'email'});
  const handle = input('signup-username', 'text', {autocomplete: 'username', maxlength: '30', pattern: '[A-Za-z0-9_]{1,30}',
    autocapitalize: 'none', spellcheck: 'false'});
  const password = input('signup-password', 'password', {autocomplete: 'new-password'});
  const error = alertBox();
  const form = h('form', {class: 'account-form', novalidate: true},
    field('Name', name),
    field('Email', email),
    field('Username', handle, 'Your @handle: up to 30 letters, digits or underscores.'),
    field('Password', password, PASSWORD_HINT),
    error,
    h('button', {type: 'submit', class: 'crud-button', testid: 'signup-submit'}, 'Sign up'));
  onSubmit(form, error, async () => {
    const address = email.value.trim();
    if (![name.value, address, handle.value, password.value].every((value) => value.trim())) {
      throw new Error('Fill in your name, email, username and password.');
    }
    await app.cognito.signUp({email: address, password: password.value, name: name.value.trim(), handle: handle.value.trim()});
    app.router.navigate(withQuery('/confirm', {email: address, sent: '1'}));
  });
  return page('Sign up', form,
    h('p', {class: 'aside'}, 'Already have an account? ', h('a', {href: '/signin'}, 'Sign in')));
}

export async function confirmView(app, params, url) {
  const address = url.searchParams.get('email') ?? '';
  const email = input('confirm-email', 'email', {autocomplete: 'email', value: address});
  const code = input('confirm-code', 'text', {autocomplete: 'one-time-code', inputmode: 'numeric', maxlength: '6'});
  const error = alertBox();
  const notice = noticeBox();
  say(notice, url.searchParams.has('sent') ? 'We sent a confirmation code to your email.' : null);
  const resend = h('button', {type: 'submit', class: 'button-quiet', testid: 'confirm-resend', formnovalidate: true,
    value: 'resend'}, 'Send a new code');
  const form = h('form', {class: 'account-form', novalidate: true},
    field('Email', email),
    field('Confirmation code', code, 'The 6-digit code we sent you.'),
    codeHint(app, address, 'Confirmation code'),
    error, notice,
    h('div', {class: 'actions'}, resend,
      h('button', {type: 'submit', class: 'crud-button', testid: 'confirm-submit'}, 'Confirm')));
  onSubmit(form, error, async (submitter) => {
    say(notice, null);
    if (submitter === resend) {
      const answer = await app.cognito.resendConfirmationCode(email.value.trim());
      const destination = answer.CodeDeliveryDetails?.Destination;
      say(notice, destination ? `We sent a new code to ${destination}.` : 'We sent a new code.');
      return;
    }
    await app.cognito.confirmSignUp(email.value.trim(), code.value.trim());
    app.router.navigate(withQuery('/signin', {email: email.value.trim(), confirmed: '1'}));
  });
  return page('Confirm your email', form);
}

export async function signInView(app, params, url) {
  const email = input('signin-email', 'email', {autocomplete: 'email', value: url.searchParams.get('email') ?? ''});
  const password = input('signin-password', 'password', {autocomplete: 'current-password'});
  const error = alertBox();
  const notice = noticeBox();
  say(notice, url.searchParams.has('confirmed') ? 'Your email is confirmed. Sign in to start crudding.'
    : url.searchParams.has('reset') ? 'Your password is changed. Sign in with the new one.' : null);
  const unconfirmed = h('p', {class: 'aside', hidden: true, testid: 'signin-unconfirmed'});
  const form = h('form', {class: 'account-form', novalidate: true},
    field('Email', email),
    field('Password', password),
    notice, error, unconfirmed,
    h('button', {type: 'submit', class: 'crud-button', testid: 'signin-submit'}, 'Sign in'));
  onSubmit(form, error, async () => {
    unconfirmed.hidden = true;
    const address = email.value.trim();
    if (!address || !password.value) {
      throw new Error('Enter your email and your password.');
    }
    try {
      const tokens = await app.cognito.signIn(address, password.value);
      app.session.signedInWith(tokens, address);
    } catch (failure) {
      if (failure.type === 'UserNotConfirmedException') {
        unconfirmed.replaceChildren('Confirm your email first: ',
          h('a', {href: withQuery('/confirm', {email: address})}, 'enter your confirmation code'), '.');
        unconfirmed.hidden = false;
      }
      throw failure;
    }
    app.router.navigate(safeNext(url));
  });
  return page('Sign in', form,
    h('p', {class: 'aside'}, h('a', {href: withQuery('/forgot-password', {email: email.value}), testid: 'forgot-link'},
      'Forgot your password?')),
    h('p', {class: 'aside'}, 'New to Cruddur? ', h('a', {href: '/signup'}, 'Sign up')));
}

export async function forgotPasswordView(app, params, url) {
  const email = input('forgot-email', 'email', {autocomplete: 'email', value: url.searchParams.get('email') ?? ''});
  const requestError = alertBox();
  const request = h('form', {class: 'account-form', novalidate: true},
    field('Email', email),
    requestError,
    h('button', {type: 'submit', class: 'crud-button', testid: 'forgot-send'}, 'Send me a code'));

  const code = input('forgot-code', 'text', {autocomplete: 'one-time-code', inputmode: 'numeric', maxlength: '6'});
  const password = input('forgot-password', 'password', {autocomplete: 'new-password'});
  const resetError = alertBox('reset-error');
  const notice = noticeBox();
  const hintSlot = h('div', {});
  const reset = h('form', {class: 'account-form', novalidate: true, hidden: true, testid: 'reset-form'},
    h('h2', {}, 'Choose a new password'),
    notice, hintSlot,
    field('Code', code, 'The 6-digit code we sent you.'),
    field('New password', password, PASSWORD_HINT),
    resetError,
    h('button', {type: 'submit', class: 'crud-button', testid: 'forgot-submit'}, 'Set the new password'));

  onSubmit(request, requestError, async () => {
    const answer = await app.cognito.forgotPassword(email.value.trim());
    const destination = answer.CodeDeliveryDetails?.Destination;
    say(notice, destination ? `We sent a code to ${destination}.` : 'We sent you a code.');
    hintSlot.replaceChildren(codeHint(app, email.value.trim(), 'Password reset code') ?? '');
    reset.hidden = false;
    code.focus();
  });
  onSubmit(reset, resetError, async () => {
    await app.cognito.confirmForgotPassword(email.value.trim(), code.value.trim(), password.value);
    app.router.navigate(withQuery('/signin', {email: email.value.trim(), reset: '1'}));
  });
  return page('Forgot your password?', request, reset);
}

// How times and lengths are shown. Pure functions of their arguments (and of `now`), so the
// same crud reads the same everywhere on the page.

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "12s", "5m", "3h", then a date ("Nov 24", with the year when it is not this year). */
export function relativeAge(iso, now = Date.now()) {
  const then = new Date(iso);
  const seconds = Math.max(0, Math.floor((now - then.getTime()) / 1000));
  if (seconds < MINUTE) {
    return `${seconds}s`;
  }
  if (seconds < HOUR) {
    return `${Math.floor(seconds / MINUTE)}m`;
  }
  if (seconds < DAY) {
    return `${Math.floor(seconds / HOUR)}h`;
  }
  const sameYear = then.getFullYear() === new Date(now).getFullYear();
  return then.toLocaleDateString('en-US', sameYear
    ? {month: 'short', day: 'numeric'}
    : {month: 'short', day: 'numeric', year: 'numeric'});
}

/**
 * Time before a crud self-destructs, rounded to the nearest unit: a 1-hour crud just posted
 * reads "1h", not "59m". "<1m" at the very end, "expired" after.
 */
export function timeLeft(iso, now = Date.now()) {
  const seconds = (new Date(iso).getTime() - now) / 1000;
  if (seconds <= 0) {
    return 'expired';
  }
  const minutes = Math.round(seconds / MINUTE);
  if (minutes < 1) {
    return '<1m';
  }
  if (minutes < 60) {
    return `${minutes}m`;
  }
  const hours = Math.round(seconds / HOUR);
  if (hours < 24) {
    return `${hours}h`;
  }
  return `${Math.round(seconds / DAY)}d`;
}

/** A full, local date and time for tooltips. */
export function fullDate(iso) {
  return new Date(iso).toLocaleString();
}

// Java's String.strip() (what the server trims a message with) removes what
// Character.isWhitespace calls whitespace: the Unicode space separators except the no-break
// ones, line and paragraph separators, and the ASCII controls \t \n \v \f \r \x1C-\x1F.
const JAVA_WHITESPACE = '[\\t\\n\\v\\f\\r\\x1C-\\x1F \\u1680\\u2000-\\u2006\\u2008-\\u200A\\u2028\\u2029\\u205F\\u3000]';
const LEADING = new RegExp(`^${JAVA_WHITESPACE}+`);
const TRAILING = new RegExp(`${JAVA_WHITESPACE}+$`);

/** The text as the server will store it: without surrounding whitespace. */
function stripLikeServer(text) {
  return text.replace(LEADING, '').replace(TRAILING, '');
}

/**
 * Characters as the server counts them: code points of the stripped text (an emoji is one,
 * as people count it; String.length would say two).
 */
export function characterCount(text) {
  return [...stripLikeServer(text)].length;
}

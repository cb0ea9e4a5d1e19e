// The app's icons as inline SVG built with the DOM (no markup strings): they take the text
// colour (currentColor) and are hidden from screen readers, which read the text beside them.

const SVG = 'http://www.w3.org/2000/svg';

function svg(className, ...shapes) {
  const root = document.createElementNS(SVG, 'svg');
  root.setAttribute('viewBox', '0 0 24 24');
  root.setAttribute('class', `icon ${className}`);
  root.setAttribute('aria-hidden', 'true');
  root.setAttribute('focusable', 'false');
  for (const [tag, attributes] of shapes) {
    const shape = document.createElementNS(SVG, tag);
    for (const [name, value] of Object.entries(attributes)) {
      shape.setAttribute(name, value);
    }
    root.append(shape);
  }
  return root;
}

/** Cruddur's bomb: every crud self-destructs. */
export function bomb() {
  return svg('icon-bomb',
    ['circle', {cx: '10', cy: '14.5', r: '7', fill: 'currentColor'}],
    ['rect', {x: '12.2', y: '6.2', width: '4', height: '3.2', rx: '0.8', transform: 'rotate(45 14.2 7.8)', fill: 'currentColor'}],
    ['path', {d: 'M16 6 C17 4 18.5 3.6 20 4.2', fill: 'none', stroke: 'currentColor', 'stroke-width': '1.6', 'stroke-linecap': 'round'}],
    ['path', {d: 'M21 1.5 L21.5 3 L23 3.3 L21.7 4.2 L22 5.8 L20.8 4.8 L19.5 5.5 L19.9 4.1 L18.8 3 L20.3 2.9 Z', class: 'spark'}],
    ['circle', {cx: '7.3', cy: '11.8', r: '1.6', fill: 'rgba(255,255,255,0.35)'}]);
}

/** A speech bubble, for replies. */
export function reply() {
  return svg('icon-reply',
    ['path', {d: 'M4 5h16a1 1 0 0 1 1 1v10a1 1 0 0 1-1 1H10l-5 4v-4H4a1 1 0 0 1-1-1V6a1 1 0 0 1 1-1z',
      fill: 'none', stroke: 'currentColor', 'stroke-width': '1.8', 'stroke-linejoin': 'round'}]);
}

/** A heart, for likes: filled while the reader likes the crud (see app.css). */
export function heart() {
  return svg('icon-heart',
    ['path', {d: 'M12 20.5s-7.5-4.6-9.2-9.3C1.7 8 3.6 4.5 7.1 4.5c2.1 0 3.6 1.2 4.9 2.9 1.3-1.7 2.8-2.9 4.9-2.9 3.5 0 5.4 3.5 4.3 6.7-1.7 4.7-9.2 9.3-9.2 9.3z',
      stroke: 'currentColor', 'stroke-width': '1.8', 'stroke-linejoin': 'round'}]);
}

/** Two arrows in a loop, for reposts. */
export function repost() {
  return svg('icon-repost',
    ['path', {d: 'M5 10V8a2 2 0 0 1 2-2h11M15 3l3 3-3 3M19 14v2a2 2 0 0 1-2 2H6M9 21l-3-3 3-3',
      fill: 'none', stroke: 'currentColor', 'stroke-width': '1.8', 'stroke-linecap': 'round', 'stroke-linejoin': 'round'}]);
}

/** A bin, for deleting. */
export function trash() {
  return svg('icon-trash',
    ['path', {d: 'M4 7h16M10 11v6M14 11v6M6 7l1 13h10l1-13M9 7V4h6v3',
      fill: 'none', stroke: 'currentColor', 'stroke-width': '1.8', 'stroke-linecap': 'round', 'stroke-linejoin': 'round'}]);
}

/** An at sign, for mentions. */
export function at() {
  return svg('icon-at',
    ['circle', {cx: '12', cy: '12', r: '3.6', fill: 'none', stroke: 'currentColor', 'stroke-width': '1.8'}],
    ['path', {d: 'M15.6 8.5v5a2.5 2.5 0 0 0 5 0V12a8.6 8.6 0 1 0-3.4 6.9',
      fill: 'none', stroke: 'currentColor', 'stroke-width': '1.8', 'stroke-linecap': 'round'}]);
}

/** A person with a plus, for new followers. */
export function follower() {
  return svg('icon-follower',
    ['circle', {cx: '9', cy: '8', r: '3.6', fill: 'none', stroke: 'currentColor', 'stroke-width': '1.8'}],
    ['path', {d: 'M2.5 20c0-3.6 2.9-6 6.5-6s6.5 2.4 6.5 6M19 8v6M16 11h6',
      fill: 'none', stroke: 'currentColor', 'stroke-width': '1.8', 'stroke-linecap': 'round'}]);
}

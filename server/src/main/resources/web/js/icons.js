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

// Small DOM helpers: elements built with text content only (never HTML strings), and plain SVG.

const SVG = 'http://www.w3.org/2000/svg';

/** h('p', { class: 'x', onclick: fn }, 'text', child, ...) */
export function h(tag, attributes = {}, ...children) {
  return build(document.createElement(tag), attributes, children);
}

export function svg(tag, attributes = {}, ...children) {
  return build(document.createElementNS(SVG, tag), attributes, children);
}

function build(element, attributes, children) {
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (name === 'dataset') {
      Object.assign(element.dataset, value);
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) {
      continue;
    }
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

export function clear(element) {
  element.replaceChildren();
  return element;
}

let ids = 0;

/** A unique id for label/for and aria pairs. */
export function id(prefix) {
  ids += 1;
  return `${prefix}-${ids}`;
}

/** A labelled select; options are [value, text] pairs. */
export function select(label, name, options, value) {
  const selectId = id(name);
  const element = h('select', { id: selectId, name },
    options.map(([v, text]) => h('option', { value: v, selected: v === value }, text)));
  return { field: h('div', { class: 'field' }, h('label', { for: selectId }, label), element), element };
}

export function percent(share, digits = 1) {
  return share === null || share === undefined ? '—' : `${(Number(share) * 100).toFixed(digits)} %`;
}

export function number(value) {
  return value === null || value === undefined ? '—' : Number(value).toLocaleString('en');
}

export function dateTime(value) {
  return value ? new Date(value).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' }) : '—';
}

/** A status line for a view: polite for progress, assertive for errors. */
export function status() {
  const element = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  return {
    element,
    info(text) {
      element.className = 'status';
      element.textContent = text;
    },
    error(error) {
      element.className = 'status error';
      element.textContent = error instanceof Error ? error.message : String(error);
    },
  };
}

/** A table with a caption, column headers and rows of cells (strings or nodes). */
export function table(caption, headers, rows, attributes = {}) {
  return h('table', attributes,
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, headers.map(text => h('th', { scope: 'col' }, text)))),
    h('tbody', {}, rows));
}

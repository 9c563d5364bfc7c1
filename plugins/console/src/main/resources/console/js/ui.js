// Small DOM helpers: element building, tables, forms, the confirmation dialog and status messages.

import { ApiError } from './api.js';

/** h('button', {class: 'x', onclick: fn}, 'text', child) builds an element; null children are skipped. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (k === 'value') el.value = v;
    else if (k === 'checked') el.checked = !!v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

let uid = 0;

/** A labelled form control; the label is tied to the control for screen readers. */
export function field(label, control, hint) {
  const id = control.id || `f${++uid}`;
  control.id = id;
  const hintEl = hint ? h('small', { id: `${id}-hint`, class: 'hint' }, hint) : null;
  if (hintEl) control.setAttribute('aria-describedby', hintEl.id);
  return h('div', { class: 'field' }, h('label', { for: id }, label), control, hintEl);
}

export const input = (attrs) => h('input', { type: 'text', ...attrs });

export function select(attrs, options) {
  return h('select', attrs, options.map(([value, text]) => h('option', { value }, text)));
}

export function checkbox(label, attrs) {
  const box = h('input', { type: 'checkbox', ...attrs });
  return h('label', { class: 'check' }, box, ' ', label);
}

/**
 * A table with a caption; columns are [header, row => cell]. Wide tables scroll inside their own
 * region on narrow screens, which is focusable so keyboard users can scroll it too.
 */
export function table(caption, columns, rows, empty = 'Nothing here yet.') {
  const body = rows.length
    ? rows.map((r) => h('tr', {}, columns.map(([, cell], i) => (i === 0
      ? h('th', { scope: 'row' }, cell(r)) : h('td', {}, cell(r))))))
    : [h('tr', {}, h('td', { colspan: columns.length, class: 'empty' }, empty))];
  return h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': caption },
    h('table', {},
      h('caption', {}, caption),
      h('thead', {}, h('tr', {}, columns.map(([head]) => h('th', { scope: 'col' }, head)))),
      h('tbody', {}, body)));
}

export function card(title, ...children) {
  return h('section', { class: 'card', 'aria-label': title }, h('h2', {}, title), ...children);
}

/** A page heading; focused after navigation so screen readers announce the new page. */
export function pageTitle(text, ...crumbs) {
  const title = h('h1', { tabindex: '-1', id: 'page-title' }, text);
  const nav = crumbs.length
    ? h('nav', { 'aria-label': 'Breadcrumb', class: 'crumbs' },
      h('ol', {}, crumbs.map(([label, href]) => h('li', {}, href ? h('a', { href }, label) : label))))
    : null;
  return nav ? [nav, title] : [title];
}

/** Shows a status message in the live region (announced by screen readers). */
export function toast(message, kind = 'ok') {
  const region = document.getElementById('toast');
  const item = h('div', { class: `toast ${kind}`, role: kind === 'error' ? 'alert' : null }, message);
  region.append(item);
  setTimeout(() => item.remove(), kind === 'error' ? 9000 : 4000);
}

export function errorMessage(e) {
  return e instanceof ApiError ? e.describe() : (e && e.message) || String(e);
}

/** An inline error box for a failed load, with the server's reason. */
export function errorBox(e) {
  return h('p', { class: 'error', role: 'alert' }, errorMessage(e));
}

/** Asks for confirmation in a modal dialog; resolves true only on the confirm button. */
export function confirmAction(message, confirmLabel = 'Delete') {
  const dialog = document.getElementById('confirm');
  dialog.querySelector('#confirm-text').textContent = message;
  const ok = dialog.querySelector('#confirm-ok');
  ok.textContent = confirmLabel;
  return new Promise((resolve) => {
    const done = (value) => {
      dialog.removeEventListener('close', onClose);
      resolve(value);
    };
    const onClose = () => done(dialog.returnValue === 'ok');
    dialog.addEventListener('close', onClose);
    dialog.returnValue = '';
    dialog.showModal();
    dialog.querySelector('#confirm-cancel').focus();
  });
}

/**
 * Wires a form: on submit, runs action(formValues) with the submit button disabled, reports success
 * or the server's refusal in the live region, then calls after().
 */
export function onSubmit(form, action, success, after) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const button = form.querySelector('button[type=submit]');
    if (button) button.disabled = true;
    try {
      await run(action, success, after);
    } finally {
      if (button) button.disabled = false;
    }
  });
  return form;
}

/** Runs an action from a button with the same reporting as a form. */
export async function run(action, success, after) {
  try {
    await action();
    if (success) toast(success);
    if (after) await after();
  } catch (e) {
    toast(errorMessage(e), 'error');
  }
}

export const link = (href, text, attrs = {}) => h('a', { href, ...attrs }, text);
export const button = (text, onclick, attrs = {}) => h('button', { type: 'button', onclick, ...attrs }, text);

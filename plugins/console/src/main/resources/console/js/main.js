// Entry point: login, navigation and the hash router. Pages are ES modules loaded on first use.

import { errorMessage } from './ui.js';
import { login, logout, session } from './api.js';

const routes = [
  [/^\/overview$/, () => import('./pages/overview.js'), 'render', []],
  [/^\/streams$/, () => import('./pages/streams.js'), 'renderStreams', []],
  [/^\/streams\/([^/]+)$/, () => import('./pages/streams.js'), 'renderStream', ['stream']],
  [/^\/streams\/([^/]+)\/topics\/([^/]+)$/, () => import('./pages/topic.js'), 'render', ['stream', 'topic']],
  [/^\/streams\/([^/]+)\/topics\/([^/]+)\/messages$/, () => import('./pages/messages.js'), 'render', ['stream', 'topic']],
  [/^\/streams\/([^/]+)\/topics\/([^/]+)\/groups$/, () => import('./pages/groups.js'), 'render', ['stream', 'topic']],
  [/^\/users$/, () => import('./pages/users.js'), 'renderUsers', []],
  [/^\/users\/([^/]+)$/, () => import('./pages/users.js'), 'renderUser', ['user']],
  [/^\/tokens$/, () => import('./pages/tokens.js'), 'render', []],
];

const main = document.getElementById('main');
const loginSection = document.getElementById('login');
let cleanup = null;
let generation = 0;

function showLogin(message) {
  stopPage();
  document.getElementById('toast').replaceChildren(); // messages about the previous user's actions
  document.getElementById('nav').hidden = true;
  document.getElementById('who').hidden = true;
  main.replaceChildren(loginSection);
  const error = document.getElementById('login-error');
  error.hidden = !message;
  error.textContent = message || '';
  document.title = 'Log in · iggyj console';
}

function stopPage() {
  if (cleanup) {
    try { cleanup(); } catch { /* a page's cleanup must not break navigation */ }
  }
  cleanup = null;
}

async function route() {
  if (!session.token) {
    showLogin();
    return;
  }
  document.getElementById('nav').hidden = false;
  document.getElementById('who').hidden = false;
  document.getElementById('who-name').textContent = session.user ? session.user.name : '';
  const path = (location.hash || '#/overview').slice(1);
  const match = routes.map((r) => [r, r[0].exec(path)]).find(([, m]) => m);
  if (!match) {
    location.replace('#/overview');
    return;
  }
  const [[, load, fn, names], m] = match;
  const params = Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1])]));
  stopPage();
  const mine = ++generation;
  for (const a of document.querySelectorAll('#nav a')) {
    const active = path.startsWith(a.getAttribute('href').slice(1));
    if (active) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  }
  const page = document.createElement('div');
  page.className = 'page';
  main.replaceChildren(page);
  try {
    const module = await load();
    const stop = await module[fn](page, params);
    if (mine !== generation) {
      if (typeof stop === 'function') stop();
      return;
    }
    cleanup = typeof stop === 'function' ? stop : null;
    const title = page.querySelector('h1');
    document.title = `${title ? title.textContent : 'iggyj'} · iggyj console`;
    if (title) title.focus({ preventScroll: true });
  } catch (e) {
    if (mine === generation) page.replaceChildren(Object.assign(document.createElement('p'), { className: 'error', textContent: errorMessage(e) }));
  }
}

function wireLogin() {
  const form = document.getElementById('login-form');
  const userFields = document.getElementById('user-fields');
  const tokenFields = document.getElementById('token-fields');
  for (const radio of form.querySelectorAll('input[name=method]')) {
    radio.addEventListener('change', () => {
      const token = form.method.value === 'token';
      userFields.hidden = token;
      tokenFields.hidden = !token;
    });
  }
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const error = document.getElementById('login-error');
    const button = document.getElementById('login-submit');
    error.hidden = true;
    button.disabled = true;
    try {
      if (form.method.value === 'token') {
        await login({ token: form.pat.value.trim() });
      } else {
        await login({ username: form.username.value.trim(), password: form.password.value });
      }
      form.password.value = '';
      form.pat.value = '';
      if (!location.hash || location.hash === '#/') location.hash = '#/overview';
      else route();
    } catch (e) {
      error.textContent = `Login failed: ${errorMessage(e)}`;
      error.hidden = false;
      error.focus?.();
    } finally {
      button.disabled = false;
    }
  });
  document.getElementById('logout').addEventListener('click', async () => {
    await logout();
    showLogin('You are logged out.');
  });
  window.addEventListener('iggy:session-expired', () => showLogin('Your session has expired; log in again.'));
}

wireLogin();
window.addEventListener('hashchange', route);
route();

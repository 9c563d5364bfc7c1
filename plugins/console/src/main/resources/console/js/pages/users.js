// Users: list, create, and per user: status and name, permissions (global, per stream and per
// topic), password, delete.

import { del, get, post, put, session } from '../api.js';
import { micros } from '../format.js';
import { button, card, checkbox, confirmAction, errorBox, field, h, input, link, onSubmit, pageTitle, run, select, table }
  from '../ui.js';

const GLOBAL = ['manage_servers', 'read_servers', 'manage_users', 'read_users', 'manage_streams', 'read_streams',
  'manage_topics', 'read_topics', 'poll_messages', 'send_messages'];
const STREAM = ['manage_stream', 'read_stream', 'manage_topics', 'read_topics', 'poll_messages', 'send_messages'];
const TOPIC = ['manage_topic', 'read_topic', 'poll_messages', 'send_messages'];
const label = (k) => k.replace(/_/g, ' ');

export async function renderUsers(root) {
  const list = h('div', {}, h('p', {}, 'Loading…'));
  const username = input({ required: true, minlength: 3, maxlength: 50, autocomplete: 'off', id: 'new-username' });
  const password = input({ type: 'password', required: true, minlength: 3, maxlength: 100, autocomplete: 'new-password', id: 'new-password' });
  const status = select({ id: 'new-status' }, [['active', 'active'], ['inactive', 'inactive']]);
  const form = h('form', { class: 'grid-form', 'aria-label': 'Create user' },
    field('Username', username), field('Password', password), field('Status', status),
    h('div', {}, h('button', { type: 'submit' }, 'Create user')));
  onSubmit(form, () => post('/users', { username: username.value.trim(), password: password.value, status: status.value, permissions: null }),
    'User created (no permissions yet: open it to grant some)', async () => { form.reset(); await load(); });
  root.replaceChildren(...pageTitle('Users'), list, card('Create a user', form));

  async function load() {
    try {
      const users = await get('/users');
      list.replaceChildren(table('Users', [
        ['Username', (u) => link(`#/users/${u.id}`, u.username)],
        ['Id', (u) => u.id],
        ['Status', (u) => h('span', { class: `badge ${u.status}` }, u.status)],
        ['Created', (u) => micros(u.created_at)],
      ], users));
    } catch (e) {
      list.replaceChildren(errorBox(e));
    }
  }
  await load();
}

export async function renderUser(root, { user }) {
  const body = h('div', {}, h('p', {}, 'Loading…'));
  root.replaceChildren(...pageTitle(`User ${user}`, ['Users', '#/users'], [`user ${user}`]), body);
  let u;
  let streams = [];
  try {
    [u, streams] = await Promise.all([get(`/users/${user}`), get('/streams').catch(() => [])]);
  } catch (e) {
    body.replaceChildren(errorBox(e));
    return;
  }
  root.querySelector('#page-title').textContent = `User ${u.username}`;
  root.querySelector('.crumbs li:last-child').textContent = u.username;
  const path = `/users/${u.id}`;

  const name = input({ value: u.username, required: true, minlength: 3, maxlength: 50 });
  const status = select({}, [['active', 'active'], ['inactive', 'inactive']]);
  status.value = u.status;
  const account = h('form', { class: 'grid-form', 'aria-label': 'Account' },
    field('Username', name), field('Status', status), h('div', {}, h('button', { type: 'submit' }, 'Save account')));
  onSubmit(account, () => put(path, { username: name.value.trim() === u.username ? null : name.value.trim(), status: status.value }),
    'Account saved');

  const current = input({ type: 'password', required: true, autocomplete: 'current-password' });
  const next = input({ type: 'password', required: true, minlength: 3, maxlength: 100, autocomplete: 'new-password' });
  const password = h('form', { class: 'grid-form', 'aria-label': 'Password' },
    field('Current password', current), field('New password', next), h('div', {}, h('button', { type: 'submit' }, 'Change password')));
  onSubmit(password, () => put(`${path}/password`, { current_password: current.value, new_password: next.value }),
    'Password changed', () => password.reset());

  const removal = h('p', {}, button('Delete user', async () => {
    if (await confirmAction(`Delete user “${u.username}”?`)) {
      await run(() => del(path), 'User deleted', () => { location.hash = '#/users'; });
    }
  }, { class: 'danger' }));

  body.replaceChildren(
    h('p', { class: 'meta' }, `Id ${u.id} · created ${micros(u.created_at)}${u.id === session.user?.id ? ' · this is you' : ''}`),
    h('div', { class: 'two' }, card('Account', account), card('Password', password)),
    card('Permissions', permissionsEditor(path, u.permissions, streams)),
    card('Delete', removal));
}

function permissionsEditor(path, permissions, streams) {
  const p = permissions || { global: Object.fromEntries(GLOBAL.map((k) => [k, false])), streams: null };
  const globalBoxes = GLOBAL.map((k) => checkbox(label(k), { name: `global.${k}`, checked: p.global[k] }));
  const streamRows = h('div', { class: 'stream-perms' });
  const streamName = (id) => (streams.find((s) => String(s.id) === String(id)) || {}).name || `stream ${id}`;
  const addRow = (id, sp) => {
    const boxes = STREAM.map((k) => checkbox(label(k), { name: `stream.${id}.${k}`, checked: sp ? sp[k] : false }));
    const row = h('fieldset', { class: 'perm-row', 'data-stream': id }, h('legend', {}, `Stream ${streamName(id)} (id ${id})`),
      h('div', { class: 'checks' }, boxes),
      topicPermissions(id, streamName(id), sp ? sp.topics : null),
      button('Remove stream', () => row.remove(), { 'aria-label': `Remove permissions for stream ${streamName(id)}`, class: 'danger' }));
    streamRows.append(row);
  };
  for (const [id, sp] of Object.entries(p.streams || {})) addRow(id, sp);
  const choose = select({ id: 'perm-stream' }, streams.map((s) => [String(s.id), `${s.name} (id ${s.id})`]));
  const add = h('div', { class: 'inline' }, field('Stream', choose), button('Add stream permissions', () => {
    if (choose.value && !streamRows.querySelector(`[data-stream="${choose.value}"]`)) addRow(choose.value, null);
  }));
  const form = h('form', { 'aria-label': 'Permissions' },
    h('fieldset', {}, h('legend', {}, 'Global permissions'), h('div', { class: 'checks' }, globalBoxes)),
    streamRows, streams.length ? add : null,
    h('div', {}, h('button', { type: 'submit' }, 'Save permissions')));
  onSubmit(form, () => {
    const value = (n) => form.querySelector(`[name="${n}"]`).checked;
    const body = { global: Object.fromEntries(GLOBAL.map((k) => [k, value(`global.${k}`)])), streams: null };
    const rows = [...streamRows.querySelectorAll('.perm-row')];
    if (rows.length) {
      body.streams = {};
      for (const row of rows) {
        const id = row.dataset.stream;
        body.streams[id] = Object.fromEntries(STREAM.map((k) => [k, value(`stream.${id}.${k}`)]));
        const topics = [...row.querySelectorAll('.topic-perm')];
        body.streams[id].topics = topics.length ? Object.fromEntries(topics.map((t) => [t.dataset.topic,
          Object.fromEntries(TOPIC.map((k) => [k, value(`topic.${id}.${t.dataset.topic}.${k}`)]))])) : null;
      }
    }
    return put(`${path}/permissions`, { permissions: body });
  }, 'Permissions saved');
  return form;
}

/**
 * The topic-level entries of one stream's permissions: one row of four boxes per topic, added from
 * the stream's topics (or by id when the stream cannot be read) and removed on their own.
 */
function topicPermissions(streamId, streamLabel, topics) {
  const rows = h('div', { class: 'topic-perms' });
  const topicName = new Map();
  const nameOf = (id) => topicName.get(String(id)) || `topic ${id}`;
  const addTopic = (id, tp) => {
    if (rows.querySelector(`[data-topic="${id}"]`)) return;
    const boxes = TOPIC.map((k) => checkbox(label(k), { name: `topic.${streamId}.${id}.${k}`, checked: tp ? tp[k] : false }));
    const row = h('fieldset', { class: 'topic-perm', 'data-topic': id }, h('legend', {}), h('div', { class: 'checks' }, boxes),
      button('Remove topic', () => row.remove(), { class: 'danger' }));
    named(row);
    rows.append(row);
  };
  // The topics' names arrive after the rows are drawn: the legend and the button's label follow them.
  const named = (row) => {
    const id = row.dataset.topic;
    row.querySelector('legend').textContent = `Topic ${nameOf(id)} (id ${id})`;
    row.querySelector('button').setAttribute('aria-label', `Remove permissions for topic ${nameOf(id)} of stream ${streamLabel}`);
  };
  let choose = select({ class: 'perm-topic' }, []);
  const add = h('div', { class: 'inline' }, field('Topic', choose), button('Add topic permissions', () => {
    if (choose.value !== '') addTopic(String(Number(choose.value)), null);
  }, { 'aria-label': `Add topic permissions in stream ${streamLabel}` }));
  get(`/streams/${streamId}`).then((s) => {
    for (const t of s.topics || []) topicName.set(String(t.id), t.name);
    choose.replaceChildren(...(s.topics || []).map((t) => h('option', { value: String(t.id) }, `${t.name} (id ${t.id})`)));
    rows.querySelectorAll('.topic-perm').forEach(named);
  }).catch(() => {
    // Without read access to the stream its topics cannot be listed: take the topic's id instead.
    const byId = input({ type: 'number', min: 0, value: 0, id: choose.id, class: 'perm-topic' });
    choose.replaceWith(byId);
    choose = byId;
    add.querySelector('label').textContent = 'Topic id';
  });
  for (const [id, tp] of Object.entries(topics || {})) addTopic(id, tp);
  return h('div', { class: 'topics-of-stream' }, h('p', { class: 'meta' }, 'Topic-level permissions (added to the stream’s):'), rows, add);
}

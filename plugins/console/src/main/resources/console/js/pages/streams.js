// Streams and a stream's topics: list, create, rename/edit, purge, delete (with confirmation).

import { NEVER, del, get, post, put, seg } from '../api.js';
import { count, micros, U64_MAX } from '../format.js';
import { button, card, confirmAction, errorBox, field, h, input, link, onSubmit, pageTitle, run, select, table }
  from '../ui.js';

export async function renderStreams(root) {
  const list = h('div', {}, h('p', {}, 'Loading…'));
  const name = input({ name: 'name', required: true, maxlength: 255, autocomplete: 'off' });
  const form = h('form', { class: 'inline', 'aria-label': 'Create stream' },
    field('New stream name', name), h('button', { type: 'submit' }, 'Create stream'));
  onSubmit(form, () => post('/streams', { name: name.value.trim() }), 'Stream created', async () => {
    form.reset();
    await load();
  });
  root.replaceChildren(...pageTitle('Streams'), card('Create a stream', form), list);

  async function load() {
    try {
      const streams = await get('/streams');
      list.replaceChildren(table('Streams', [
        ['Name', (s) => link(`#/streams/${s.id}`, s.name)],
        ['Id', (s) => s.id],
        ['Topics', (s) => s.topics_count],
        ['Messages', (s) => count(s.messages_count)],
        ['Size', (s) => s.size],
        ['Created', (s) => micros(s.created_at)],
        ['Actions', (s) => streamActions(s, load)],
      ], streams, 'No streams yet: create one above.'));
    } catch (e) {
      list.replaceChildren(errorBox(e));
    }
  }
  await load();
}

function streamActions(s, reload) {
  const path = `/streams/${s.id}`;
  return h('div', { class: 'actions' },
    button('Rename', async () => {
      const name = prompt(`New name for stream “${s.name}”`, s.name);
      if (name && name.trim() && name !== s.name) {
        await run(() => put(path, { name: name.trim() }), 'Stream renamed', reload);
      }
    }, { 'aria-label': `Rename stream ${s.name}` }),
    button('Purge', async () => {
      if (await confirmAction(`Purge every message of stream “${s.name}”? Topics stay.`, 'Purge')) {
        await run(() => del(`${path}/purge`), 'Stream purged', reload);
      }
    }, { 'aria-label': `Purge stream ${s.name}` }),
    button('Delete', async () => {
      if (await confirmAction(`Delete stream “${s.name}” with all its topics and messages?`)) {
        await run(() => del(path), 'Stream deleted', reload);
      }
    }, { class: 'danger', 'aria-label': `Delete stream ${s.name}` }));
}

export async function renderStream(root, { stream }) {
  const list = h('div', {}, h('p', {}, 'Loading…'));
  const form = topicForm('Create topic', null);
  root.replaceChildren(...pageTitle('Stream', ['Streams', '#/streams'], [`stream ${stream}`]), list,
    card('Create a topic', form.el));
  onSubmit(form.el, () => post(`/streams/${seg(stream)}/topics`, form.value()), 'Topic created', async () => {
    form.el.reset();
    await load();
  });

  async function load() {
    try {
      const s = await get(`/streams/${seg(stream)}`);
      root.querySelector('#page-title').textContent = `Stream ${s.name}`;
      root.querySelector('.crumbs li:last-child').textContent = s.name;
      list.replaceChildren(
        h('p', { class: 'meta' }, `Id ${s.id} · ${count(s.messages_count)} messages · ${s.size} · created ${micros(s.created_at)}`),
        table('Topics', [
          ['Name', (t) => link(`#/streams/${s.id}/topics/${t.id}`, t.name)],
          ['Id', (t) => t.id],
          ['Partitions', (t) => t.partitions_count],
          ['Messages', (t) => count(t.messages_count)],
          ['Size', (t) => t.size],
          ['Expiry', (t) => expiryText(t.message_expiry)],
          ['Max size', (t) => maxSizeText(t.max_topic_size)],
          ['Actions', (t) => topicActions(s, t, load)],
        ], s.topics, 'No topics yet: create one below.'));
    } catch (e) {
      list.replaceChildren(errorBox(e));
    }
  }
  await load();
}

export function isNever(v) {
  return v === null || v === undefined ? false : Number(v) >= 1.8e19 || String(v) === U64_MAX;
}

export function expiryText(us) {
  if (isNever(us)) return 'never';
  if (!Number(us)) return 'server default';
  return `${Number(us) / 1e6} s`;
}

export function maxSizeText(b) {
  if (isNever(b)) return 'unlimited';
  if (!Number(b)) return 'server default';
  return `${count(b)} B`;
}

function topicActions(s, t, reload) {
  const path = `/streams/${s.id}/topics/${t.id}`;
  return h('div', { class: 'actions' },
    link(`#${path}/messages`, 'Messages', { class: 'button' }),
    link(`#${path}/groups`, 'Groups', { class: 'button' }),
    button('Purge', async () => {
      if (await confirmAction(`Purge every message of topic “${t.name}”?`, 'Purge')) {
        await run(() => del(`${path}/purge`), 'Topic purged', reload);
      }
    }, { 'aria-label': `Purge topic ${t.name}` }),
    button('Delete', async () => {
      if (await confirmAction(`Delete topic “${t.name}” and all its messages?`)) {
        await run(() => del(path), 'Topic deleted', reload);
      }
    }, { class: 'danger', 'aria-label': `Delete topic ${t.name}` }));
}

/**
 * The topic form, for creating (with a partition count) or editing (topic given). Expiry is in
 * seconds (0 = the server's default); "never" and "unlimited" send u64::MAX.
 */
export function topicForm(submitLabel, topic) {
  const name = input({ name: 'name', required: true, maxlength: 255, value: topic ? topic.name : '', autocomplete: 'off' });
  const partitions = input({ name: 'partitions', type: 'number', min: 0, max: 1000, value: 1, required: true });
  const compression = select({ name: 'compression' }, [['none', 'none'], ['gzip', 'gzip']]);
  if (topic) compression.value = topic.compression_algorithm;
  const expiry = input({ name: 'expiry', type: 'number', min: 0, value: topic && !isNever(topic.message_expiry) ? Number(topic.message_expiry) / 1e6 : 0 });
  const neverExpire = h('input', { type: 'checkbox', name: 'never', checked: topic ? isNever(topic.message_expiry) : false });
  const maxSize = input({ name: 'max_size', type: 'number', min: 0, value: topic && !isNever(topic.max_topic_size) ? Number(topic.max_topic_size) : 0 });
  const unlimited = h('input', { type: 'checkbox', name: 'unlimited', checked: topic ? isNever(topic.max_topic_size) : false });
  const el = h('form', { class: 'grid-form', 'aria-label': submitLabel },
    field('Topic name', name),
    topic ? null : field('Partitions', partitions),
    field('Compression', compression),
    h('div', {}, field('Message expiry (seconds, 0 = server default)', expiry),
      h('label', { class: 'check' }, neverExpire, ' Never expire')),
    h('div', {}, field('Max topic size (bytes, 0 = server default)', maxSize),
      h('label', { class: 'check' }, unlimited, ' Unlimited size')),
    h('div', {}, h('button', { type: 'submit' }, submitLabel)));
  return {
    el,
    value() {
      const body = {
        name: name.value.trim(),
        compression_algorithm: compression.value,
        message_expiry: neverExpire.checked ? NEVER : Math.round(Number(expiry.value || 0) * 1e6),
        max_topic_size: unlimited.checked ? NEVER : Number(maxSize.value || 0),
        replication_factor: null,
      };
      if (!topic) body.partitions_count = Number(partitions.value);
      return body;
    },
  };
}

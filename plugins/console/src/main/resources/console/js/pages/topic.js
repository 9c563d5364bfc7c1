// A topic: its partitions (sizes, message counts, segments), editing, partitions added or removed,
// a partition's oldest segments deleted, and regular consumers' stored offsets.

import { del, get, post, put, seg } from '../api.js';
import { count, micros } from '../format.js';
import { button, card, confirmAction, errorBox, errorMessage, field, h, input, link, onSubmit, pageTitle, run, select, table }
  from '../ui.js';
import { expiryText, maxSizeText, topicForm } from './streams.js';

export async function render(root, { stream, topic }) {
  const base = `/streams/${seg(stream)}/topics/${seg(topic)}`;
  const body = h('div', {}, h('p', {}, 'Loading…'));
  root.replaceChildren(...pageTitle(`Topic ${topic}`, ['Streams', '#/streams'], [`stream ${stream}`, `#/streams/${stream}`],
    [`topic ${topic}`]), body);

  async function load() {
    let t;
    try {
      t = await get(base);
    } catch (e) {
      body.replaceChildren(errorBox(e));
      return;
    }
    root.querySelector('#page-title').textContent = `Topic ${t.name}`;
    root.querySelector('.crumbs li:last-child').textContent = t.name;
    const edit = topicForm('Save topic', t);
    onSubmit(edit.el, () => put(base, edit.value()), 'Topic saved', load);
    const addCount = input({ type: 'number', min: 1, max: 1000, value: 1, required: true });
    const add = h('form', { class: 'inline', 'aria-label': 'Add partitions' },
      field('Partitions to add', addCount), h('button', { type: 'submit' }, 'Add partitions'));
    onSubmit(add, () => post(`${base}/partitions`, { partitions_count: Number(addCount.value) }), 'Partitions added', load);
    const removeCount = input({ type: 'number', min: 1, max: 1000, value: 1, required: true });
    const remove = h('form', { class: 'inline', 'aria-label': 'Remove partitions' },
      field('Partitions to remove (highest ids)', removeCount), h('button', { type: 'submit', class: 'danger' }, 'Remove partitions'));
    remove.addEventListener('submit', async (e) => {
      e.preventDefault();
      if (await confirmAction(`Remove the ${removeCount.value} highest-numbered partitions and their messages?`, 'Remove')) {
        await run(() => del(`${base}/partitions?partitions_count=${Number(removeCount.value)}`), 'Partitions removed', load);
      }
    });
    const segPartition = select({ id: 'segments-partition' }, t.partitions.map((p) => [String(p.id), `partition ${p.id}`]));
    const segCount = input({ type: 'number', min: 1, max: 4294967295, value: 1, required: true, id: 'segments-count' });
    const segHint = h('p', { class: 'hint', id: 'segments-hint' },
      'Only sealed segments go (never the one being written), and none that a stored consumer offset still needs.');
    segCount.setAttribute('aria-describedby', segHint.id);
    const segments = h('form', { 'aria-label': 'Delete segments' },
      h('div', { class: 'inline' }, field('Partition', segPartition), field('Oldest segments to delete', segCount),
        h('button', { type: 'submit', class: 'danger' }, 'Delete segments')), segHint);
    segments.addEventListener('submit', async (e) => {
      e.preventDefault();
      const p = Number(segPartition.value);
      if (await confirmAction(`Delete up to ${segCount.value} of the oldest segments of partition ${p} and their messages?`,
        'Delete segments')) {
        await run(() => del(`${base}/partitions/${p}?segments_count=${Number(segCount.value)}`), 'Segments deleted', load);
      }
    });
    body.replaceChildren(
      h('p', { class: 'meta' }, `Id ${t.id} · ${count(t.messages_count)} messages · ${t.size} · compression ${t.compression_algorithm}`
        + ` · expiry ${expiryText(t.message_expiry)} · max size ${maxSizeText(t.max_topic_size)} · created ${micros(t.created_at)}`),
      h('p', { class: 'actions' },
        link(`#/streams/${stream}/topics/${t.id}/messages`, 'Browse messages', { class: 'button' }),
        link(`#/streams/${stream}/topics/${t.id}/groups`, 'Consumer groups', { class: 'button' })),
      table('Partitions', [
        ['Partition', (p) => p.id],
        ['Messages', (p) => count(p.messages_count)],
        ['Current offset', (p) => (Number(p.messages_count) ? p.current_offset : '–')],
        ['Size', (p) => p.size],
        ['Segments', (p) => p.segments_count],
        ['Created', (p) => micros(p.created_at)],
      ], t.partitions, 'This topic has no partitions.'),
      h('div', { class: 'two' }, card('Add partitions', add), card('Remove partitions', remove)),
      t.partitions.length ? card('Delete segments', segments) : null,
      card('Edit topic', edit.el),
      card('Consumer offsets', offsets(base, t)));
  }
  await load();
}

/** Look up, store or delete a regular consumer's offset on one partition. */
function offsets(base, t) {
  const consumer = input({ value: '1', required: true, autocomplete: 'off' });
  const partition = input({ type: 'number', min: 0, value: 0, required: true });
  const offset = input({ type: 'number', min: 0, value: 0 });
  const out = h('output', { class: 'result', 'aria-live': 'polite' });
  const query = () => `consumer_id=${encodeURIComponent(consumer.value)}&partition_id=${Number(partition.value)}`;
  const form = h('form', { class: 'grid-form', 'aria-label': 'Consumer offset' },
    field('Consumer id or name', consumer), field('Partition', partition),
    h('div', {}, h('button', { type: 'submit' }, 'Get offset')),
    field('Offset to store', offset),
    h('div', { class: 'actions' },
      button('Store offset', () => run(() => put(`${base}/consumer-offsets`, {
        consumer_id: consumer.value, partition_id: Number(partition.value), offset: Number(offset.value),
      }), 'Offset stored', lookup)),
      button('Delete offset', async () => {
        if (await confirmAction(`Delete the stored offset of consumer ${consumer.value} on partition ${partition.value}?`)) {
          await run(() => del(`${base}/consumer-offsets/${encodeURIComponent(consumer.value)}?partition_id=${Number(partition.value)}`),
            'Offset deleted', lookup);
        }
      }, { class: 'danger' })),
    out);
  async function lookup() {
    try {
      const o = await get(`${base}/consumer-offsets?${query()}`);
      out.textContent = `Stored offset ${o.stored_offset} of partition ${o.partition_id} (current offset ${o.current_offset}, lag ${Math.max(0, o.current_offset - o.stored_offset)})`;
    } catch (e) {
      out.textContent = e.status === 404 ? 'No offset stored for this consumer and partition.' : errorMessage(e);
    }
  }
  form.addEventListener('submit', (e) => { e.preventDefault(); lookup(); });
  return form;
}

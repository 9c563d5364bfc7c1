// Consumer groups of a topic: members and their partitions, and the lag of each partition
// (the partition's current offset minus the group's stored offset), refreshed every few seconds.

import { del, get, post, seg } from '../api.js';
import { count } from '../format.js';
import { button, card, confirmAction, errorBox, field, h, input, onSubmit, pageTitle, run, table } from '../ui.js';

const REFRESH_MS = 3000;

export async function render(root, { stream, topic }) {
  const base = `/streams/${seg(stream)}/topics/${seg(topic)}`;
  const list = h('div', { id: 'groups' }, h('p', {}, 'Loading…'));
  const name = input({ required: true, maxlength: 255, autocomplete: 'off', id: 'group-name' });
  const form = h('form', { class: 'inline', 'aria-label': 'Create consumer group' },
    field('New group name', name), h('button', { type: 'submit' }, 'Create group'));
  onSubmit(form, () => post(`${base}/consumer-groups`, { name: name.value.trim() }), 'Consumer group created', async () => {
    form.reset();
    await load();
  });
  root.replaceChildren(
    ...pageTitle(`Consumer groups of topic ${topic}`, ['Streams', '#/streams'], [`stream ${stream}`, `#/streams/${stream}`],
      [`topic ${topic}`, `#/streams/${stream}/topics/${topic}`], ['consumer groups']),
    list, card('Create a consumer group', form));

  async function load() {
    try {
      const [t, groups] = await Promise.all([get(base), get(`${base}/consumer-groups`)]);
      root.querySelector('#page-title').textContent = `Consumer groups of ${t.name}`;
      root.querySelector('.crumbs li:nth-last-child(2) a').textContent = t.name;
      const details = await Promise.all(groups.map((g) => groupDetails(base, t, g)));
      list.replaceChildren(...(details.length ? details : [h('p', { class: 'empty' }, 'No consumer groups on this topic.')]));
      for (const d of details) d.querySelector('.delete-group').addEventListener('click', () => remove(d.dataset.id, d.dataset.name));
    } catch (e) {
      list.replaceChildren(errorBox(e));
    }
  }

  async function remove(id, groupName) {
    if (await confirmAction(`Delete consumer group “${groupName}” and its stored offsets?`)) {
      await run(() => del(`${base}/consumer-groups/${id}`), 'Consumer group deleted', load);
    }
  }

  await load();
  // Skip a refresh while the keyboard focus is inside the list, so it is not pulled away.
  const timer = setInterval(() => { if (!document.hidden && !list.contains(document.activeElement)) load(); }, REFRESH_MS);
  return () => clearInterval(timer);
}

async function groupDetails(base, t, g) {
  const details = await get(`${base}/consumer-groups/${g.id}`);
  const owner = new Map();
  for (const m of details.members) for (const p of m.partitions) owner.set(p, m.id);
  const rows = await Promise.all(t.partitions.map(async (p) => {
    let stored = null;
    try {
      const o = await get(`${base}/consumer-offsets?consumer_kind=consumer_group&consumer_id=${g.id}&partition_id=${p.id}`);
      stored = o.stored_offset;
    } catch (e) {
      if (e.status !== 404) throw e;
    }
    const messages = Number(p.messages_count);
    // Offsets are "last consumed": nothing stored means every message is still to be read.
    const lag = messages === 0 ? 0 : stored === null ? Number(p.current_offset) + 1 : Math.max(0, Number(p.current_offset) - stored);
    return { partition: p.id, member: owner.has(p.id) ? owner.get(p.id) : '–', stored, current: messages ? p.current_offset : '–', lag };
  }));
  const total = rows.reduce((sum, r) => sum + r.lag, 0);
  const el = card(`Group ${g.name}`,
    h('p', { class: 'meta' }, `Id ${g.id} · ${g.members_count} members · total lag `,
      h('strong', { class: 'total-lag', 'data-group': g.name }, count(total))),
    table(`Members of ${g.name}`, [
      ['Member', (m) => m.id],
      ['Partitions', (m) => (m.partitions.length ? m.partitions.join(', ') : 'none')],
    ], details.members, 'No members: no client has joined this group.'),
    table(`Lag of ${g.name} per partition`, [
      ['Partition', (r) => r.partition],
      ['Member', (r) => r.member],
      ['Current offset', (r) => r.current],
      ['Stored offset', (r) => (r.stored === null ? 'none' : r.stored)],
      ['Lag', (r) => h('span', { class: r.lag ? 'lag' : 'lag zero' }, count(r.lag))],
    ], rows),
    h('p', {}, button('Delete group', null, { class: 'danger delete-group', 'aria-label': `Delete consumer group ${g.name}` })));
  el.dataset.id = g.id;
  el.dataset.name = g.name;
  return el;
}

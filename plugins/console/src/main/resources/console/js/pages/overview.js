// Overview: server stats, live message and byte rates, connected clients, cluster nodes.

import { get } from '../api.js';
import { lineChart } from '../chart.js';
import { bytes, count, duration, parseSize } from '../format.js';
import { card, errorBox, field, h, pageTitle, select, table } from '../ui.js';

const POLL_MS = 2000; // never faster than once a second (issue #14); two seconds is plenty for a person
const WINDOWS = [[1, '1 minute'], [5, '5 minutes'], [15, '15 minutes']];
const KEEP_MS = 15 * 60 * 1000;
let windowMs = 5 * 60 * 1000;

// Samples survive page changes, so returning to the overview shows the recent history at once.
const samples = [];

export async function render(root) {
  const stats = h('div', { class: 'stats', id: 'stats' });
  const rate = lineChart('Message rate', (v) => `${count(Math.round(v))}/s`, windowMs);
  const throughput = lineChart('Throughput', (v) => `${bytes(v)}/s`, windowMs);
  const range = select({ id: 'chart-window' }, WINDOWS.map(([m, label]) => [String(m), label]));
  range.value = String(windowMs / 60000);
  range.addEventListener('change', () => {
    windowMs = Number(range.value) * 60000;
    draw();
  });
  let rates = [];
  let through = [];
  const draw = () => {
    rate.update(rates, windowMs);
    throughput.update(through, windowMs);
  };
  const rateNow = h('output', { id: 'rate-now' }, '–');
  const bytesNow = h('output', { id: 'throughput-now' }, '–');
  const clients = h('div', {}, h('p', {}, 'Loading…'));
  const cluster = h('div', {}, h('p', {}, 'Loading…'));
  root.replaceChildren(
    ...pageTitle('Overview'),
    stats,
    h('div', { class: 'inline chart-range' }, field('Charts show the last', range)),
    h('div', { class: 'charts' },
      card('Message rate', h('p', { class: 'now' }, 'Now: ', rateNow), rate.el),
      card('Throughput', h('p', { class: 'now' }, 'Now: ', bytesNow), throughput.el)),
    h('div', { class: 'two' }, card('Connected clients', clients), card('Cluster', cluster)),
  );

  async function tick() {
    try {
      const s = await get('/stats');
      const t = Date.now();
      samples.push({ t, messages: Number(s.messages_count), size: parseSize(s.messages_size_bytes) });
      while (samples.length && samples[0].t < t - KEEP_MS - POLL_MS) samples.shift();
      renderStats(stats, s);
      if (s.clients_count !== shownClients) loadClients();
      rates = [];
      through = [];
      for (let i = 1; i < samples.length; i++) {
        const dt = (samples[i].t - samples[i - 1].t) / 1000;
        rates.push({ t: samples[i].t, v: Math.max(0, (samples[i].messages - samples[i - 1].messages) / dt) });
        through.push({ t: samples[i].t, v: Math.max(0, (samples[i].size - samples[i - 1].size) / dt) });
      }
      draw();
      rateNow.textContent = rates.length ? `${count(Math.round(rates[rates.length - 1].v))} messages/s` : '–';
      bytesNow.textContent = through.length ? `${bytes(through[through.length - 1].v)}/s` : '–';
    } catch (e) {
      stats.replaceChildren(errorBox(e));
    }
  }

  let shownClients = null;
  async function loadClients() {
    try {
      const list = await get('/clients');
      shownClients = list.length;
      clients.replaceChildren(table('Clients', [
        ['Client', (c) => c.client_id],
        ['User', (c) => (c.user_id === null ? 'not logged in' : c.user_id)],
        ['Address', (c) => c.address],
        ['Transport', (c) => c.transport],
        ['Groups', (c) => c.consumer_groups_count],
      ], list, 'No client is connected over TCP, QUIC or WebSocket.'));
    } catch (e) {
      clients.replaceChildren(errorBox(e));
    }
  }

  async function loadCluster() {
    try {
      const md = await get('/cluster/metadata');
      cluster.replaceChildren(h('p', {}, `Cluster “${md.name}”`), table('Nodes', [
        ['Node', (n) => n.name],
        ['Address', (n) => n.ip],
        ['Role', (n) => n.role],
        ['Status', (n) => h('span', { class: `badge ${n.status}` }, n.status)],
        ['Ports', (n) => Object.entries(n.endpoints || {}).map(([k, v]) => `${k} ${v}`).join(', ')],
      ], md.nodes || []));
    } catch (e) {
      cluster.replaceChildren(errorBox(e));
    }
  }

  let slow = 0;
  await Promise.all([tick(), loadClients(), loadCluster()]);
  const timer = setInterval(() => {
    if (document.hidden) return;
    tick();
    if (++slow % 5 === 0) loadClients(); // clients every 10 s
  }, POLL_MS);
  return () => clearInterval(timer);
}

function renderStats(el, s) {
  const items = [
    ['Streams', count(s.streams_count)], ['Topics', count(s.topics_count)],
    ['Partitions', count(s.partitions_count)], ['Segments', count(s.segments_count)],
    ['Messages', count(s.messages_count)], ['Stored', bytes(parseSize(s.messages_size_bytes))],
    ['Clients', count(s.clients_count)], ['Consumer groups', count(s.consumer_groups_count)],
    ['Uptime', duration(s.run_time)], ['Memory', bytes(parseSize(s.memory_usage))],
    ['Free disk', bytes(parseSize(s.free_disk_space))], ['Version', s.iggy_server_version],
  ];
  el.replaceChildren(h('dl', { class: 'stat-grid' },
    items.map(([k, v]) => h('div', { class: 'stat' }, h('dt', {}, k), h('dd', {}, v)))));
}

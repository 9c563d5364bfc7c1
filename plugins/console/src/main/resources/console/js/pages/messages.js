// The message browser: poll a partition by offset, timestamp, first or last; show payloads as text,
// pretty JSON or hex, with headers; and send a message.

import { get, post, seg } from '../api.js';
import { asHex, asJson, asText, fromBase64, headerValue, micros, toBase64 } from '../format.js';
import { card, errorBox, field, h, input, onSubmit, pageTitle, select } from '../ui.js';

const VIEWS = [['text', 'Text'], ['json', 'JSON'], ['hex', 'Hex']];
let view = 'text';

export async function render(root, { stream, topic }) {
  const base = `/streams/${seg(stream)}/topics/${seg(topic)}`;
  let t;
  try {
    t = await get(base);
  } catch (e) {
    root.replaceChildren(...pageTitle('Messages'), errorBox(e));
    return undefined;
  }
  const partitions = Array.from({ length: t.partitions_count }, (_, i) => [String(i), `Partition ${i}`]);
  const results = h('div', { id: 'messages', 'aria-live': 'polite' });
  root.replaceChildren(
    ...pageTitle(`Messages of ${t.name}`, ['Streams', '#/streams'], [`stream ${stream}`, `#/streams/${stream}`],
      [t.name, `#/streams/${stream}/topics/${t.id}`], ['messages']),
    card('Browse', browseForm(base, partitions, results)),
    results,
    card('Send a message', sendForm(base, partitions)));
  return undefined;
}

function browseForm(base, partitions, results) {
  const partition = select({ name: 'partition', id: 'browse-partition' }, partitions);
  const strategy = select({ name: 'strategy', id: 'browse-strategy' },
    [['first', 'First'], ['last', 'Last'], ['offset', 'From offset'], ['timestamp', 'From timestamp']]);
  const offset = input({ type: 'number', min: 0, value: 0, id: 'browse-offset' });
  const time = input({ type: 'datetime-local', step: 1, id: 'browse-time' });
  const countIn = input({ type: 'number', min: 1, max: 1000, value: 20, id: 'browse-count' });
  const offsetField = field('Offset', offset);
  const timeField = field('Timestamp (local time)', time);
  const viewGroup = h('fieldset', { class: 'views' }, h('legend', {}, 'Show payload as'),
    VIEWS.map(([v, label]) => h('label', { class: 'check' },
      h('input', { type: 'radio', name: 'view', value: v, checked: v === view,
        onchange: () => { view = v; redraw(); } }), ` ${label}`)));
  const sync = () => {
    offsetField.hidden = strategy.value !== 'offset';
    timeField.hidden = strategy.value !== 'timestamp';
  };
  strategy.addEventListener('change', sync);
  sync();
  let last = null;
  const redraw = () => { if (last) results.replaceChildren(renderMessages(last)); };
  const form = h('form', { class: 'grid-form', 'aria-label': 'Browse messages' },
    field('Partition', partition), field('Strategy', strategy), offsetField, timeField,
    field('Count', countIn), viewGroup, h('div', {}, h('button', { type: 'submit', id: 'browse-submit' }, 'Load messages')));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    let value = 0;
    if (strategy.value === 'offset') value = Number(offset.value || 0);
    if (strategy.value === 'timestamp') value = time.value ? new Date(time.value).getTime() * 1000 : 0;
    const q = new URLSearchParams({ consumer_id: '1', partition_id: partition.value, kind: strategy.value,
      value: String(value), count: countIn.value, auto_commit: 'false' });
    try {
      last = await get(`${base}/messages?${q}`);
      redraw();
    } catch (err) {
      last = null;
      results.replaceChildren(errorBox(err));
    }
  });
  return form;
}

function renderMessages(polled) {
  if (!polled.messages.length) return h('p', { class: 'empty' }, 'No messages found for this query.');
  return h('ol', { class: 'messages', 'aria-label': `${polled.messages.length} messages` },
    polled.messages.map((m) => {
      const data = fromBase64(m.payload);
      let shown;
      if (view === 'hex') shown = asHex(data);
      else if (view === 'json') shown = asJson(data) ?? `Not JSON — as text:\n${asText(data)}`;
      else shown = asText(data);
      const headers = Array.isArray(m.user_headers) ? m.user_headers : [];
      return h('li', { class: 'message' },
        h('div', { class: 'message-head' },
          h('strong', {}, `Offset ${m.header.offset}`),
          h('span', {}, micros(m.header.timestamp)),
          h('span', {}, `${m.header.payload_length} B`),
          h('span', { class: 'id' }, `id ${m.header.id}`)),
        headers.length ? h('dl', { class: 'headers' }, headers.map((e) => [
          h('dt', {}, asText(fromBase64(e.key.value))), h('dd', {}, `${headerValue(e.value)} (${e.value.kind})`)])) : null,
        typeof m.user_headers === 'string' ? h('p', { class: 'meta' }, 'Headers are not readable (client-side encrypted?)') : null,
        h('pre', { class: `payload ${view}`, tabindex: '0' }, shown));
    }));
}

function sendForm(base, partitions) {
  const mode = select({ id: 'send-partitioning' }, [['partition_id', 'To a partition'], ['balanced', 'Balanced'], ['messages_key', 'By key']]);
  const partition = select({ id: 'send-partition' }, partitions);
  const key = input({ id: 'send-key', autocomplete: 'off' });
  const payload = h('textarea', { id: 'send-payload', rows: 4, required: true });
  const headers = h('textarea', { id: 'send-headers', rows: 2, placeholder: 'source: console' });
  const partitionField = field('Partition', partition);
  const keyField = field('Key', key);
  const sync = () => {
    partitionField.hidden = mode.value !== 'partition_id';
    keyField.hidden = mode.value !== 'messages_key';
  };
  mode.addEventListener('change', sync);
  sync();
  const form = h('form', { class: 'grid-form', 'aria-label': 'Send a message' },
    field('Partitioning', mode), partitionField, keyField,
    field('Payload (text)', payload),
    field('Headers', headers, 'One “key: value” per line, sent as string headers.'),
    h('div', {}, h('button', { type: 'submit', id: 'send-submit' }, 'Send message')));
  onSubmit(form, () => {
    let value = '';
    if (mode.value === 'partition_id') {
      const b = new Uint8Array(4);
      new DataView(b.buffer).setUint32(0, Number(partition.value), true);
      value = toBase64(b);
    } else if (mode.value === 'messages_key') {
      if (!key.value) throw new Error('Enter a key.');
      value = toBase64(key.value);
    }
    const userHeaders = headers.value.split('\n').map((l) => l.trim()).filter(Boolean).map((line) => {
      const colon = line.indexOf(':');
      if (colon < 1) throw new Error(`Header “${line}” is not “key: value”.`);
      return { key: { kind: 'string', value: toBase64(line.slice(0, colon).trim()) },
        value: { kind: 'string', value: toBase64(line.slice(colon + 1).trim()) } };
    });
    const message = { payload: toBase64(payload.value) };
    if (userHeaders.length) message.user_headers = userHeaders;
    return post(`${base}/messages`, { partitioning: { kind: mode.value, value }, messages: [message] });
  }, 'Message sent');
  return form;
}


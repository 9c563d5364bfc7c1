// Formatting helpers: sizes, times, and the payload views (text, pretty JSON, hex).

const UNITS = { B: 1, KB: 1e3, KiB: 1024, MB: 1e6, MiB: 1024 ** 2, GB: 1e9, GiB: 1024 ** 3,
  TB: 1e12, TiB: 1024 ** 4, PB: 1e15, PiB: 1024 ** 5, EB: 1e18, EiB: 1024 ** 6 };

/** The API's size strings ("1.5 KB", "3136.5 KiB") back to a number of bytes. */
export function parseSize(text) {
  if (typeof text === 'number') return text;
  const m = /^\s*([\d.]+)\s*([A-Za-z]+)?\s*$/.exec(String(text || '0'));
  if (!m) return 0;
  return parseFloat(m[1]) * (UNITS[m[2] || 'B'] || 1);
}

export function bytes(n) {
  if (!isFinite(n) || n < 0) return '–';
  if (n < 1000) return `${Math.round(n)} B`;
  const units = ['KB', 'MB', 'GB', 'TB', 'PB'];
  let v = n;
  let i = -1;
  while (v >= 1000 && i < units.length - 1) { v /= 1000; i++; }
  return `${v.toFixed(v < 10 ? 2 : v < 100 ? 1 : 0)} ${units[i]}`;
}

export function count(n) {
  return Number(n).toLocaleString('en-US');
}

/** Microseconds since the epoch, as the API sends them, to a local date and time. */
export function micros(us) {
  if (us === null || us === undefined) return '–';
  const d = new Date(Number(BigInt(us) / 1000n));
  return d.toLocaleString('sv-SE').replace('T', ' ');
}

export function duration(us) {
  let s = Math.floor(Number(us) / 1e6);
  const d = Math.floor(s / 86400); s -= d * 86400;
  const h = Math.floor(s / 3600); s -= h * 3600;
  const m = Math.floor(s / 60); s -= m * 60;
  return (d ? `${d}d ` : '') + (h || d ? `${h}h ` : '') + `${m}m ${s}s`;
}

export function toBase64(data) {
  const bytesIn = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  let bin = '';
  for (const b of bytesIn) bin += String.fromCharCode(b);
  return btoa(bin);
}

export function fromBase64(text) {
  const bin = atob(text || '');
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export function asText(data) {
  return new TextDecoder('utf-8', { fatal: false }).decode(data);
}

export function asJson(data) {
  try {
    return JSON.stringify(JSON.parse(asText(data)), null, 2);
  } catch {
    return null;
  }
}

/** A classic hex dump: offset, 16 bytes in hex, printable ASCII. */
export function asHex(data) {
  const lines = [];
  for (let i = 0; i < data.length; i += 16) {
    const row = data.slice(i, i + 16);
    const hex = Array.from(row, (b) => b.toString(16).padStart(2, '0')).join(' ');
    const ascii = Array.from(row, (b) => (b >= 32 && b < 127 ? String.fromCharCode(b) : '.')).join('');
    lines.push(`${i.toString(16).padStart(8, '0')}  ${hex.padEnd(47)}  ${ascii}`);
  }
  return lines.join('\n');
}

/** A header value as the API returns it ({kind, value: base64}) to readable text. */
export function headerValue(v) {
  const raw = fromBase64(v.value);
  const view = new DataView(raw.buffer);
  switch (v.kind) {
    case 'string': return asText(raw);
    case 'bool': return raw[0] ? 'true' : 'false';
    case 'int8': return String(view.getInt8(0));
    case 'uint8': return String(view.getUint8(0));
    case 'int16': return String(view.getInt16(0, true));
    case 'uint16': return String(view.getUint16(0, true));
    case 'int32': return String(view.getInt32(0, true));
    case 'uint32': return String(view.getUint32(0, true));
    case 'int64': return String(view.getBigInt64(0, true));
    case 'uint64': return String(view.getBigUint64(0, true));
    case 'float32': return String(view.getFloat32(0, true));
    case 'float64': return String(view.getFloat64(0, true));
    default: return asHex(raw);
  }
}

/** u64::MAX, the API's "never" / "unlimited". */
export const U64_MAX = '18446744073709551615';

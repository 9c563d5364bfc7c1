// A hand-drawn SVG line chart for the overview's live rates: no chart library needed.

const NS = 'http://www.w3.org/2000/svg';
const W = 600;
const H = 160;
const PAD = { left: 78, right: 8, top: 10, bottom: 22 };

function svg(tag, attrs) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  return el;
}

/**
 * A chart over a sliding time window. update(points) redraws it from [{t: ms, v: number}];
 * format(v) labels the y axis and the accessible summary.
 */
export function lineChart(title, format, initialWindowMs) {
  let windowMs = initialWindowMs;
  const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', class: 'chart', preserveAspectRatio: 'none' });
  const label = svg('title', {});
  root.append(label);
  const grid = svg('g', { class: 'grid' });
  const area = svg('path', { class: 'area' });
  const line = svg('path', { class: 'line' });
  root.append(grid, area, line);

  function update(points, newWindowMs) {
    if (newWindowMs) windowMs = newWindowMs;
    const now = Date.now();
    const from = now - windowMs;
    const shown = points.filter((p) => p.t >= from);
    const max = Math.max(1, ...shown.map((p) => p.v));
    const x = (t) => PAD.left + ((t - from) / windowMs) * (W - PAD.left - PAD.right);
    const y = (v) => H - PAD.bottom - (v / max) * (H - PAD.top - PAD.bottom);
    grid.replaceChildren();
    for (const f of [0, 0.5, 1]) {
      const yy = y(max * f);
      grid.append(svg('line', { x1: PAD.left, x2: W - PAD.right, y1: yy, y2: yy }));
      const t = svg('text', { x: PAD.left - 6, y: yy + 4, 'text-anchor': 'end' });
      t.textContent = format(max * f);
      grid.append(t);
    }
    for (const [minutes, anchor] of [[windowMs / 60000, 'start'], [0, 'end']]) {
      const t = svg('text', { x: minutes ? PAD.left : W - PAD.right, y: H - 6, 'text-anchor': anchor });
      t.textContent = minutes ? `−${minutes} min` : 'now';
      grid.append(t);
    }
    if (shown.length > 1) {
      const d = shown.map((p, i) => `${i ? 'L' : 'M'}${x(p.t).toFixed(1)},${y(p.v).toFixed(1)}`).join('');
      line.setAttribute('d', d);
      area.setAttribute('d', `${d}L${x(shown[shown.length - 1].t).toFixed(1)},${y(0)}L${x(shown[0].t).toFixed(1)},${y(0)}Z`);
    } else {
      line.setAttribute('d', '');
      area.setAttribute('d', '');
    }
    const last = shown.length ? shown[shown.length - 1].v : 0;
    const summary = `${title}: now ${format(last)}, peak ${format(max)} over the last ${windowMs / 60000} minute${windowMs === 60000 ? '' : 's'}`;
    label.textContent = summary;
    root.setAttribute('aria-label', summary);
  }

  update([]);
  return { el: root, update };
}

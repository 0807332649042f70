import { BASE_STYLE } from './style.ts';

/**
 * `/_dev/traces` (in a browser): recent traces, search by annotation (`key:value`), one trace as a
 * waterfall across services. `/_dev/traces/<traceId>` opens that trace; `?annotation=k:v` searches.
 * Plain DOM, no build step; the data comes from the same URLs as JSON (`accept: application/json`).
 */
export function tracesPage(): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Traces · Parley devstack</title>
<style>${BASE_STYLE}
  header { display: flex; align-items: center; justify-content: space-between; margin-bottom: 20px; gap: 16px; }
  nav a { margin-left: 14px; }
  h2 { font-size: 15px; margin: 0 0 12px; text-transform: uppercase; letter-spacing: .06em; color: var(--muted); }
  form { display: flex; gap: 8px; margin-bottom: 12px; }
  input { flex: 1; padding: 8px 10px; border: 1px solid var(--line); border-radius: 8px; background: var(--bg); color: var(--ink); }
  button { padding: 8px 14px; border: 0; border-radius: 8px; background: var(--brand); color: #fff; cursor: pointer; }
  .hint { font-size: 13px; margin: -4px 0 12px; }
  table { width: 100%; border-collapse: collapse; font-size: 14px; }
  th, td { text-align: left; padding: 7px 8px; border-top: 1px solid var(--line); vertical-align: top; }
  th { color: var(--muted); font-weight: 600; border-top: 0; }
  tr.pick { cursor: pointer; } tr.pick:hover td { background: var(--bg); }
  tr.sel td { background: color-mix(in srgb, var(--brand) 12%, transparent); }
  .bad { color: var(--bad); font-weight: 600; }
  .chip { display: inline-block; padding: 0 7px; border-radius: 9px; font-size: 12px; margin: 0 4px 2px 0; color: #fff; }
  #detail { margin-top: 16px; }
  .title { font-weight: 600; margin: 0 0 12px; }
  .row { display: grid; grid-template-columns: minmax(220px, 36%) 1fr 64px; gap: 10px; align-items: center; padding: 3px 0; cursor: pointer; font-size: 13px; }
  .label { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
  .track { position: relative; height: 16px; background: var(--bg); border-radius: 4px; }
  .bar { position: absolute; top: 2px; height: 12px; border-radius: 3px; min-width: 2px; }
  .bar.err { background: var(--bad) !important; }
  .bar.open { opacity: .5; }
  .ms { font-size: 12px; color: var(--muted); text-align: right; white-space: nowrap; }
  .info { margin: 2px 0 8px; padding: 8px; background: var(--bg); border-radius: 8px; white-space: pre-wrap; word-break: break-word; }
  .empty { color: var(--muted); font-size: 14px; }
</style></head>
<body><div class="wrap">
  <header><div class="brand"><span class="logo">P</span> Traces</div>
    <nav><a href="/_dev">Console</a><a href="/_dev/phone">Virtual phone</a></nav></header>
  <section class="card">
    <form id="search"><input id="q" placeholder="annotation key:value, e.g. messageId:m_123 or userId:u_abc" autocomplete="off"><button>Search</button></form>
    <p class="hint muted">Annotations: userId, conversationId, messageId, callId, transactionId, eventId, correlationId, Service. Empty: the latest traces.</p>
    <table><thead><tr><th>Started</th><th>Services</th><th>Duration</th><th>Segments</th><th>Trace id</th></tr></thead>
      <tbody id="list"><tr><td colspan="5" class="empty">Loading…</td></tr></tbody></table>
  </section>
  <section class="card" id="detail" hidden></section>
</div>
<script>
const $ = (id) => document.getElementById(id);
const el = (tag, cls, text) => { const e = document.createElement(tag); if (cls) e.className = cls; if (text !== undefined) e.textContent = text; return e; };
const getJson = async (url) => (await fetch(url, { cache: 'no-store', headers: { accept: 'application/json' } })).json();
const PALETTE = { 'api-gateway': '#64748b', identity: '#7c3aed', messaging: '#2563eb', notifications: '#0d9488', numbers: '#c2410c', calling: '#db2777', platform: '#4d7c0f' };
const colour = (s) => { if (PALETTE[s]) return PALETTE[s]; let h = 0; for (const c of s) h = (h * 31 + c.charCodeAt(0)) >>> 0; return 'hsl(' + ((h * 137.5) % 360) + ' 55% 45%)'; };
let selected = (location.pathname.match(/^\\/_dev\\/traces\\/([^/]+)/) || [])[1];
$('q').value = new URLSearchParams(location.search).get('annotation') || '';

/** Each list() call's number: only the newest one's answer is shown (an older, slower one, e.g. the unfiltered load before a search, never overwrites it). */
let listed = 0;
async function list() {
  const mine = ++listed;
  const q = $('q').value.trim();
  const body = await getJson('/_dev/traces?limit=100' + (q ? '&annotation=' + encodeURIComponent(q) : '')).catch(() => ({ items: [] }));
  if (mine !== listed) return;
  const tbody = $('list'); tbody.replaceChildren();
  if (!body.items || !body.items.length) { const tr = el('tr'); const td = el('td', 'empty', q ? 'No trace has ' + q + '.' : 'No traces yet. Send a message or register a user.'); td.colSpan = 5; tr.append(td); tbody.append(tr); return; }
  for (const t of body.items) {
    const tr = el('tr', 'pick' + (t.traceId === selected ? ' sel' : ''));
    const services = el('td'); for (const s of t.services) { const c = el('span', 'chip', s); c.style.background = colour(s); services.append(c); }
    tr.append(el('td', '', new Date(t.startedAt).toLocaleTimeString()), services, el('td', '', t.durationMs + ' ms'),
      el('td', t.errors ? 'bad' : '', t.segments.length + (t.errors ? ' (' + t.errors + ' failed)' : '')), el('td', 'muted', t.traceId));
    tr.onclick = () => { selected = t.traceId; history.replaceState(null, '', '/_dev/traces/' + t.traceId + location.search); show(t); list(); };
    tbody.append(tr);
  }
}

/** Segments in tree order (children under their parent, by start), with their depth. */
function ordered(segments) {
  const byId = new Map(segments.map((s) => [s.id, s]));
  const kids = new Map();
  const roots = [];
  for (const s of segments) { if (s.parentId && byId.has(s.parentId)) { if (!kids.has(s.parentId)) kids.set(s.parentId, []); kids.get(s.parentId).push(s); } else roots.push(s); }
  const out = [];
  const walk = (s, depth) => { out.push({ s, depth }); for (const k of (kids.get(s.id) || []).sort((a, b) => a.start - b.start)) walk(k, depth + 1); };
  for (const r of roots.sort((a, b) => a.start - b.start)) walk(r, 0);
  return out;
}

function show(t) {
  const box = $('detail'); box.hidden = false; box.replaceChildren();
  const title = el('p', 'title', 'Trace ' + t.traceId + ' · ' + t.durationMs + ' ms · ' + t.services.join(' → '));
  box.append(title);
  const t0 = Math.min(...t.segments.map((s) => s.start));
  const span = Math.max(1, t.durationMs);
  for (const { s, depth } of ordered(t.segments)) {
    const row = el('div', 'row');
    const label = el('div', 'label');
    label.style.paddingLeft = depth * 14 + 'px';
    const what = s.http && s.http.method ? s.http.method + ' ' + (s.http.url || '') + (s.http.status ? ' → ' + s.http.status : '') : s.name;
    const chip = el('span', 'chip', s.service); chip.style.background = colour(s.service);
    label.append(chip, el('span', s.error ? 'bad' : '', what)); label.title = what;
    const track = el('div', 'track');
    const end = s.end === undefined ? t0 + span : s.end;
    const bar = el('div', 'bar' + (s.error ? ' err' : '') + (s.inProgress ? ' open' : ''));
    const left = ((s.start - t0) / span) * 100;
    bar.style.left = left + '%'; bar.style.width = Math.max(0.3, ((end - s.start) / span) * 100) + '%'; bar.style.background = colour(s.service);
    const ms = el('span', 'ms', s.inProgress ? 'open' : (end - s.start) + ' ms');
    ms.title = 'starts at +' + (s.start - t0) + ' ms';
    track.append(bar); row.append(label, track, ms);
    const info = el('div', 'info', JSON.stringify({ id: s.id, parentId: s.parentId, origin: s.origin, namespace: s.namespace, cause: s.cause, annotations: s.annotations, http: s.http }, null, 2));
    info.hidden = true;
    row.onclick = () => { info.hidden = !info.hidden; };
    box.append(row, info);
  }
}

async function openSelected() {
  if (!selected) return;
  const res = await fetch('/_dev/traces/' + encodeURIComponent(selected), { cache: 'no-store', headers: { accept: 'application/json' } });
  if (res.ok) show(await res.json());
  else { const box = $('detail'); box.hidden = false; box.replaceChildren(el('p', 'empty', 'Trace ' + selected + ' is not (or no longer) on this devstack.')); }
}
$('search').addEventListener('submit', (e) => {
  e.preventDefault();
  const q = $('q').value.trim();
  history.replaceState(null, '', location.pathname + (q ? '?annotation=' + encodeURIComponent(q) : ''));
  list();
});
list(); openSelected();
setInterval(() => { list(); openSelected(); }, 4000);
</script></body></html>`;
}

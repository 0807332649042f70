import { BASE_STYLE } from './style.ts';

/** `/_dev`: service health, the live bus tail, the SMS outbox and the email outbox. Plain DOM, no build step. */
export function consolePage(): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Parley devstack</title>
<style>${BASE_STYLE}
  header { display: flex; align-items: center; justify-content: space-between; margin-bottom: 20px; }
  h2 { font-size: 15px; margin: 0 0 12px; text-transform: uppercase; letter-spacing: .06em; color: var(--muted); }
  .services { display: grid; grid-template-columns: repeat(auto-fill, minmax(190px, 1fr)); gap: 10px; margin-bottom: 22px; }
  .svc { padding: 12px 14px; }
  .svc b { display: block; }
  .cols { display: grid; grid-template-columns: 2fr 1fr; gap: 16px; }
  @media (max-width: 860px) { .cols { grid-template-columns: 1fr; } }
  ul { list-style: none; margin: 0; padding: 0; }
  .events li, .sms li, .mail li { border-top: 1px solid var(--line); padding: 8px 0; }
  .events li:first-child, .sms li:first-child, .mail li:first-child { border-top: 0; }
  .mail pre { white-space: pre-wrap; word-break: break-word; margin: 4px 0 0; font: inherit; }
  .type { font-weight: 600; }
  .time { color: var(--muted); font-size: 12px; margin-right: 8px; }
  details pre { margin: 6px 0 0; white-space: pre-wrap; word-break: break-word; background: var(--bg); padding: 8px; border-radius: 8px; }
  input { width: 100%; padding: 8px 10px; border: 1px solid var(--line); border-radius: 8px; background: var(--bg); color: var(--ink); margin-bottom: 10px; }
  .overall { font-weight: 600; }
  .empty { color: var(--muted); font-size: 14px; }
</style></head>
<body><div class="wrap">
  <header><div class="brand"><span class="logo">P</span> Parley devstack</div><nav><a href="/_dev/traces">Traces</a> · <a href="/_dev/phone">Virtual phone</a></nav><span class="overall" id="overall">checking…</span></header>
  <h2>Services</h2>
  <div class="services" id="services"></div>
  <div class="cols">
    <section class="card"><h2>Bus events <span class="muted" id="tail-state"></span></h2>
      <input id="filter" placeholder="Filter by detail-type, source or content">
      <ul class="events" id="events"><li class="empty">No events yet. Register a user or send a message.</li></ul></section>
    <div>
    <section class="card"><h2>SMS outbox</h2><ul class="sms" id="sms"><li class="empty">No SMS captured.</li></ul></section>
    <section class="card" style="margin-top:16px"><h2>Email outbox</h2><ul class="mail" id="mail"><li class="empty">No email captured.</li></ul></section>
    </div>
  </div>
</div>
<script>
const $ = (id) => document.getElementById(id);
const el = (tag, cls, text) => { const e = document.createElement(tag); if (cls) e.className = cls; if (text !== undefined) e.textContent = text; return e; };
async function health() {
  try {
    const res = await fetch('/_dev/health', { cache: 'no-store' });
    const body = await res.json();
    $('overall').textContent = res.ok ? 'All services up' : 'Some services are not up';
    $('overall').style.color = res.ok ? 'var(--ok)' : 'var(--bad)';
    const grid = $('services'); grid.replaceChildren();
    for (const [name, s] of Object.entries({ ...body.services, ...(body.infrastructure || {}) })) {
      const card = el('div', 'card svc');
      const title = el('b'); title.append(el('span', 'dot ' + s.status), name); card.append(title);
      card.append(el('span', 'muted', s.status + ' · :' + s.port + (s.ms !== undefined ? ' · ' + s.ms + ' ms' : '')));
      grid.append(card);
    }
  } catch { $('overall').textContent = 'devstack is not answering'; $('overall').style.color = 'var(--bad)'; }
}
const events = [];
function renderEvents() {
  const q = $('filter').value.toLowerCase();
  const list = $('events'); list.replaceChildren();
  const shown = events.filter((e) => !q || JSON.stringify(e).toLowerCase().includes(q)).slice(0, 200);
  if (!shown.length) list.append(el('li', 'empty', events.length ? 'Nothing matches.' : 'No events yet. Register a user or send a message.'));
  for (const e of shown) {
    const li = el('li'); const d = el('details'); const s = el('summary');
    s.append(el('span', 'time', new Date(e.at).toLocaleTimeString()), el('span', 'type', e.detailType), el('span', 'muted', '  ' + e.source));
    if (e.traceId) { const a = el('a', '', 'trace'); a.href = '/_dev/traces/' + e.traceId; a.style.marginLeft = '8px'; s.append(a); }
    d.append(s, el('pre', '', JSON.stringify(e.detail, null, 2))); li.append(d); list.append(li);
  }
}
function tail() {
  const source = new EventSource('/_dev/events?replay=1');
  source.onopen = () => { $('tail-state').textContent = '· live'; };
  source.onerror = () => { $('tail-state').textContent = '· reconnecting'; };
  source.onmessage = (m) => { events.unshift(JSON.parse(m.data)); if (events.length > 500) events.pop(); renderEvents(); };
}
async function sms() {
  try {
    const { items } = await (await fetch('/_dev/sms', { cache: 'no-store' })).json();
    const list = $('sms'); list.replaceChildren();
    if (!items.length) list.append(el('li', 'empty', 'No texts captured.'));
    for (const m of items.slice().reverse()) {
      const via = [m.provider, m.channel, m.status].filter(Boolean).join(' · ');
      const li = el('li'); li.append(el('span', 'time', new Date(m.at).toLocaleString()), el('b', '', m.phoneNumber), el('span', 'time', via ? ' ' + via : ''), el('div', '', m.message)); list.append(li);
    }
  } catch {}
}
async function mail() {
  try {
    const { items } = await (await fetch('/_dev/mail', { cache: 'no-store' })).json();
    const list = $('mail'); list.replaceChildren();
    if (!items.length) list.append(el('li', 'empty', 'No email captured.'));
    for (const m of items.slice(0, 50)) {
      const li = el('li'); const d = el('details'); const s = el('summary');
      s.append(el('span', 'time', new Date(m.sentAt).toLocaleString()), el('b', '', m.to), el('div', '', m.subject));
      d.append(s, el('pre', '', m.text)); li.append(d); list.append(li);
    }
  } catch {}
}
$('filter').addEventListener('input', renderEvents);
health(); sms(); mail(); tail();
setInterval(health, 3000); setInterval(sms, 3000); setInterval(mail, 3000);
</script></body></html>`;
}

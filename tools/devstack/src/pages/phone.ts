import { BASE_STYLE } from './style.ts';

/**
 * `/_dev/phone`: the virtual phone, a person at the PSTN. Dials numbers, answers calls Parley
 * places, hangs up, presses keys, shows what the far end said; on a call joined to a meeting,
 * "Talk" carries microphone and speaker to the other attendees by WebRTC over the meeting's
 * signaling socket. Texts: send an SMS or WhatsApp message to a Parley number as this phone
 * (`POST /_dev/sms/inbound`) and read what Parley texted back, with its delivery status (`GET /_dev/sms`,
 * polled). Plain DOM, no build step; calls live through `/_dev/pstn/stream`.
 */
export function phonePage(): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Virtual phone · Parley devstack</title>
<style>${BASE_STYLE}
  header { display: flex; align-items: center; justify-content: space-between; margin-bottom: 20px; gap: 12px; flex-wrap: wrap; }
  h1 { font-size: 20px; margin: 0; }
  h2 { font-size: 15px; margin: 0 0 12px; text-transform: uppercase; letter-spacing: .06em; color: var(--muted); }
  .cols { display: grid; grid-template-columns: 320px 1fr; gap: 16px; align-items: start; }
  @media (max-width: 860px) { .cols { grid-template-columns: 1fr; } }
  label { display: block; font-size: 13px; color: var(--muted); margin-bottom: 4px; }
  input { width: 100%; padding: 8px 10px; border: 1px solid var(--line); border-radius: 8px; background: var(--bg); color: var(--ink); margin-bottom: 10px; font-size: 16px; }
  .pad { display: grid; grid-template-columns: repeat(3, 1fr); gap: 8px; margin: 4px 0 12px; }
  button { font: inherit; padding: 9px 12px; border-radius: 9px; border: 1px solid var(--line); background: var(--card); color: var(--ink); cursor: pointer; }
  button:hover:not(:disabled) { border-color: var(--brand); }
  button:disabled { opacity: .5; cursor: default; }
  button.primary { background: var(--brand); border-color: var(--brand); color: #fff; }
  button.danger { background: var(--bad); border-color: var(--bad); color: #fff; }
  button:focus-visible, input:focus-visible { outline: 2px solid var(--brand); outline-offset: 2px; }
  ul { list-style: none; margin: 0; padding: 0; }
  .call { border-top: 1px solid var(--line); padding: 14px 0; }
  .call:first-child { border-top: 0; padding-top: 0; }
  .row { display: flex; align-items: center; gap: 10px; flex-wrap: wrap; }
  .state { font-size: 12px; font-weight: 700; text-transform: uppercase; letter-spacing: .05em; padding: 2px 8px; border-radius: 999px; background: var(--bg); }
  .state.ringing { color: var(--warn); } .state.active { color: var(--ok); } .state.failed { color: var(--bad); }
  .said { margin: 8px 0 0; padding-left: 14px; border-left: 3px solid var(--line); font-size: 14px; }
  .said li { margin: 2px 0; }
  .keys { display: flex; gap: 6px; flex-wrap: wrap; margin-top: 8px; }
  .keys button { min-width: 38px; padding: 6px 0; }
  .alert { color: var(--bad); min-height: 1.5em; }
  .empty { color: var(--muted); font-size: 14px; }
  .hint { color: var(--bad); font-size: 13px; margin: -4px 0 10px; } .hint:empty { margin: 0; }
  select, textarea { width: 100%; padding: 8px 10px; border: 1px solid var(--line); border-radius: 8px; background: var(--bg); color: var(--ink); margin-bottom: 10px; font: inherit; }
  textarea { resize: vertical; min-height: 64px; }
  select:focus-visible, textarea:focus-visible { outline: 2px solid var(--brand); outline-offset: 2px; }
  .texts { margin-top: 16px; }
  .thread { display: flex; flex-direction: column; gap: 8px; max-height: 420px; overflow-y: auto; }
  .bubble { max-width: 78%; padding: 8px 12px; border-radius: 14px; background: var(--bg); border: 1px solid var(--line); }
  /* legible (WCAG AA): the phone's own bubbles a darker blue than --brand under white ink, their status a white pill */
  .bubble.mine { align-self: flex-end; background: #1d4ed8; border-color: #1d4ed8; color: #fff; }
  .bubble .meta { font-size: 12px; margin-top: 2px; color: var(--muted); }
  .bubble.mine .meta { color: inherit; opacity: .8; }
  .bubble.mine .state { background: #fff; color: #1d4ed8; }
  .state.delivered, .state.sent { color: var(--ok); } .state.queued { color: var(--warn); }
  .bubble .state.delivered, .bubble .state.sent { color: #15803d; }
  @media (prefers-color-scheme: dark) { .bubble .state.delivered, .bubble .state.sent { color: var(--ok); } }
</style></head>
<body><div class="wrap">
  <header><div class="brand"><span class="logo">P</span><h1>Virtual phone</h1></div><a href="/_dev">devstack console</a></header>
  <div class="cols">
    <section class="card" aria-labelledby="dial-title"><h2 id="dial-title">Dial</h2>
      <form id="dial">
        <label for="from">From (your phone)</label><input id="from" name="from" value="+41441234567" inputmode="tel" autocomplete="off" required>
        <label for="to">To</label><input id="to" name="to" placeholder="+50761234567" inputmode="tel" autocomplete="off" required>
        <div class="pad" id="pad" aria-label="Dial pad"></div>
        <button class="primary" type="submit" id="call">Call</button>
      </form>
      <p class="alert" id="alert" role="alert"></p>
      <p class="muted">Calls from Parley ring here: answer, decline, or let them time out.</p>
    </section>
    <section class="card" aria-labelledby="calls-title"><h2 id="calls-title">Calls <span class="muted" id="live"></span></h2>
      <ul id="calls" aria-live="polite"><li class="empty">Loading calls…</li></ul></section>
  </div>
  <div class="cols texts">
    <section class="card" aria-labelledby="text-title"><h2 id="text-title">Text Parley</h2>
      <form id="text">
        <label for="text-from">From (your phone)</label><input id="text-from" name="from" value="+41441234567" inputmode="tel" autocomplete="off" required>
        <label for="text-to">To (a Parley number)</label><input id="text-to" name="to" list="parley-numbers" value="+15005550006" inputmode="tel" autocomplete="off" aria-describedby="text-to-hint" required>
        <p class="hint" id="text-to-hint" aria-live="polite"></p>
        <datalist id="parley-numbers"></datalist>
        <label for="text-channel">As</label><select id="text-channel" name="channel"><option value="sms">SMS</option><option value="whatsapp">WhatsApp</option></select>
        <label for="text-body">Message</label><textarea id="text-body" name="body" maxlength="1600" required></textarea>
        <button class="primary" type="submit" id="text-send">Send</button>
      </form>
      <p class="alert" id="text-alert" role="alert"></p>
      <p class="muted">Sent as the stage's messaging provider delivers it (<span id="text-provider">…</span>). Texts Parley sends to this phone show beside it.</p>
    </section>
    <section class="card" aria-labelledby="thread-title"><h2 id="thread-title">Texts with <span id="thread-phone"></span></h2>
      <div class="thread" id="thread" aria-live="polite"><p class="empty">No texts yet.</p></div></section>
  </div>
</div>
<script>
const $ = (id) => document.getElementById(id);
const el = (tag, cls, text) => { const e = document.createElement(tag); if (cls) e.className = cls; if (text !== undefined) e.textContent = text; return e; };
const KEYS = ['1','2','3','4','5','6','7','8','9','*','0','#'];
const calls = new Map();
let loaded = false;
const talks = new Map();
function alertText(text) { $('alert').textContent = text || ''; }
async function api(method, path, body) {
  const res = await fetch('/_dev/pstn' + path, { method, headers: { 'content-type': 'application/json' }, body: body ? JSON.stringify(body) : undefined });
  const data = res.status === 204 ? undefined : await res.json();
  if (!res.ok) throw new Error((data && data.error && data.error.message) || res.statusText);
  return data;
}
function act(promise) { alertText(''); promise.then((call) => { if (call && call.id) upsert(call); }).catch((e) => alertText(e.message)); }
for (const k of KEYS) { const b = el('button', '', k); b.type = 'button'; b.addEventListener('click', () => { $('to').value += k; }); $('pad').append(b); }
$('dial').addEventListener('submit', (ev) => {
  ev.preventDefault();
  act(api('POST', '/calls', { from: $('from').value.trim(), to: $('to').value.trim() }));
});
function upsert(call) { calls.set(call.id, call); render(); }
function button(text, cls, onClick, label) { const b = el('button', cls, text); b.type = 'button'; if (label) b.setAttribute('aria-label', label); b.addEventListener('click', onClick); return b; }
function render() {
  const list = $('calls'); list.replaceChildren();
  const items = [...calls.values()].sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  if (!items.length) list.append(el('li', 'empty', loaded ? 'No calls yet. Dial a Parley number, or call this phone from the web client.' : 'Loading calls…'));
  for (const c of items) {
    const li = el('li', 'call'); li.dataset.callId = c.id;
    const head = el('div', 'row');
    head.append(el('b', '', (c.direction === 'inbound' ? 'You → ' + c.to : c.from + ' → you (' + c.to + ')')), el('span', 'state ' + c.state, c.state));
    head.append(el('span', 'muted', new Date(c.startedAt).toLocaleTimeString()));
    if (c.meeting && c.state === 'active') head.append(el('span', 'muted', talks.has(c.id) ? 'joined to a meeting · talking' : 'joined to a meeting'));
    li.append(head);
    if (c.endReason) li.append(el('div', 'muted', 'Ended: ' + c.endReason + (c.sipResponseCode ? ' (SIP ' + c.sipResponseCode + ')' : '') + (c.message ? ' — ' + c.message : '')));
    const said = c.spoken.map((s) => (s.kind === 'audio' ? '♪ ' : '“') + s.text + (s.kind === 'audio' ? '' : '”'));
    for (const d of c.digitsReceived) said.push('tones ' + d.digits);
    for (const r of c.recordings) said.push('recorded ' + (r.durationMs / 1000).toFixed(1) + ' s to s3://' + r.bucket + '/' + r.key);
    if (said.length) { const ul = el('ul', 'said'); ul.setAttribute('aria-label', 'What the far end said'); for (const s of said) ul.append(el('li', '', s)); li.append(ul); }
    const controls = el('div', 'row'); controls.style.marginTop = '8px';
    const open = c.state === 'ringing' || c.state === 'active';
    if (c.state === 'ringing' && c.direction === 'outbound') controls.append(button('Answer', 'primary', () => act(api('POST', '/calls/' + c.id + '/answer'))));
    if (open) controls.append(button(c.state === 'ringing' && c.direction === 'outbound' ? 'Decline' : 'Hang up', 'danger', () => act(api('POST', '/calls/' + c.id + '/hangup'))));
    if (c.meeting && c.state === 'active') controls.append(button(talks.has(c.id) ? 'Stop talking' : 'Talk', '', () => toggleTalk(c)));
    if (controls.childElementCount) li.append(controls);
    if (c.state === 'active') {
      const keys = el('div', 'keys'); keys.setAttribute('aria-label', 'Keypad');
      for (const k of KEYS) keys.append(button(k, '', () => act(api('POST', '/calls/' + c.id + '/digits', { digits: k })), 'Press ' + k));
      li.append(keys);
    }
    if (!open && talks.has(c.id)) stopTalk(c.id);
    list.append(li);
  }
}
async function load() {
  try { const { items } = await api('GET', '/calls'); for (const c of items) calls.set(c.id, c); loaded = true; alertText(''); render(); }
  catch (e) { loaded = true; render(); alertText('Cannot load calls: ' + e.message); }
}
function live() {
  const source = new EventSource('/_dev/pstn/stream');
  source.onopen = () => { $('live').textContent = '· live'; load(); };
  source.onerror = () => { $('live').textContent = '· reconnecting'; };
  source.onmessage = (m) => upsert(JSON.parse(m.data));
}
// Talk: WebRTC to every other attendee over the meeting's signaling socket, in the web client's
// protocol (clients/web/src/lib/media/webrtc-relay.ts): the newcomer offers; data is {description}
// or {candidate} plus the offering connection's session, which the answers and candidates of that
// connection repeat (the web client drops what names another session). Only loopback candidates
// are used (no STUN/TURN on devstack, and host candidates would not connect).
const LOOPBACK = /(^|\\s)(127\\.0\\.0\\.1|::1)(\\s|$)/;
const loopback = (c) => !c || !c.candidate || LOOPBACK.test(c.candidate);
const sessionId = () => Math.random().toString(36).slice(2, 10);
async function toggleTalk(c) { if (talks.has(c.id)) stopTalk(c.id); else await startTalk(c).catch((e) => { alertText('Talk failed: ' + e.message); stopTalk(c.id); }); render(); }
async function startTalk(c) {
  const mic = await navigator.mediaDevices.getUserMedia({ audio: true });
  const ws = new WebSocket(c.meeting.signalingUrl + '?joinToken=' + encodeURIComponent(c.meeting.joinToken));
  const talk = { ws, mic, peers: new Map() };
  talks.set(c.id, talk);
  const send = (to, data) => ws.readyState === 1 && ws.send(JSON.stringify({ type: 'signal', to, data }));
  const drop = (id) => { const pc = talk.peers.get(id); if (pc) { pc.close(); if (pc.audio) pc.audio.srcObject = null; talk.peers.delete(id); } };
  // The connection to attendee id for session: a new session (the other side re-joined) replaces the old one.
  const peer = (id, session) => {
    const old = talk.peers.get(id);
    if (old && old.session === session) return old;
    drop(id);
    const pc = new RTCPeerConnection({ iceServers: [] });
    pc.session = session;
    for (const t of mic.getTracks()) pc.addTrack(t, mic);
    pc.onicecandidate = (e) => { if (e.candidate && loopback(e.candidate)) send(id, { candidate: e.candidate.toJSON(), session }); };
    pc.ontrack = (e) => { if (e.track.kind !== 'audio') return; const audio = pc.audio || new Audio(); audio.srcObject = e.streams[0] || new MediaStream([e.track]); audio.play().catch(() => {}); pc.audio = audio; };
    talk.peers.set(id, pc);
    return pc;
  };
  ws.onmessage = async (m) => {
    const f = JSON.parse(m.data);
    if (f.type === 'joined') for (const a of f.attendees) { const pc = peer(a.attendeeId, sessionId()); await pc.setLocalDescription(await pc.createOffer()); send(a.attendeeId, { description: pc.localDescription.toJSON(), session: pc.session }); }
    else if (f.type === 'attendee-left') drop(f.attendeeId);
    else if (f.type === 'ended') stopTalk(c.id);
    else if (f.type === 'signal' && f.data) {
      const d = f.data;
      const pc = d.description && d.description.type === 'offer' ? peer(f.from, d.session) : talk.peers.get(f.from);
      if (!pc || pc.session !== d.session) return;
      if (d.description) {
        await pc.setRemoteDescription(d.description);
        if (d.description.type === 'offer') { await pc.setLocalDescription(await pc.createAnswer()); send(f.from, { description: pc.localDescription.toJSON(), session: pc.session }); }
      } else if (d.candidate && loopback(d.candidate)) await pc.addIceCandidate(d.candidate).catch(() => {});
    }
  };
  ws.onclose = () => { if (talks.get(c.id) === talk) { stopTalk(c.id); render(); } };
}
function stopTalk(id) {
  const talk = talks.get(id); if (!talk) return;
  talks.delete(id);
  for (const pc of talk.peers.values()) pc.close();
  for (const t of talk.mic.getTracks()) t.stop();
  if (talk.ws.readyState <= 1) talk.ws.close();
}
// ---- Texts ----
let texts = { inbound: [], outbox: [] };
function textAlert(text) { $('text-alert').textContent = text || ''; }
async function sendText(ev) {
  if (ev) ev.preventDefault();
  textAlert('');
  const body = { from: $('text-from').value.trim(), to: $('text-to').value.trim(), body: $('text-body').value, channel: $('text-channel').value };
  try {
    const res = await fetch('/_dev/sms/inbound', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const data = await res.json();
    if (!res.ok) throw new Error((data && data.error && data.error.message) || res.statusText);
    if (data.status >= 300 || data.status === 0) textAlert('Parley answered HTTP ' + data.status + ' to this text.');
    else if (data.parleyNumber === false) textAlert(notParley(body.to) + ' devstack passed it on anyway; it reaches no one.');
    $('text-body').value = '';
    await loadTexts();
  } catch (e) { textAlert('Not sent: ' + e.message); }
}
$('text').addEventListener('submit', sendText);
/** The conversation of this phone: what it sent (inbound to Parley) and what Parley sent to it, oldest first. */
function threadOf(phone, inbound, outbox) {
  const mine = inbound.filter((t) => t.from === phone).map((t) => ({ mine: true, at: t.at, body: t.body, channel: t.channel, other: t.to, status: t.webhookStatus >= 200 && t.webhookStatus < 300 ? 'received' : 'HTTP ' + t.webhookStatus }));
  const theirs = outbox.filter((t) => t.to === phone).map((t) => ({ mine: false, at: t.at, body: t.body, channel: t.channel, other: t.from || 'Parley', status: t.status + (t.reason ? ' · ' + t.reason : '') }));
  return [...mine, ...theirs].sort((a, b) => a.at.localeCompare(b.at));
}
function renderTexts() {
  const phone = $('text-from').value.trim();
  $('thread-phone').textContent = phone;
  const items = threadOf(phone, texts.inbound, texts.outbox);
  const thread = $('thread'); thread.replaceChildren();
  if (!items.length) thread.append(el('p', 'empty', 'No texts yet. Send one, or have Parley text ' + phone + '.'));
  for (const t of items) {
    const b = el('div', 'bubble' + (t.mine ? ' mine' : ''));
    b.append(el('div', '', t.body));
    const meta = el('div', 'meta', (t.mine ? 'to ' : 'from ') + t.other + ' · ' + (t.channel === 'whatsapp' ? 'WhatsApp' : 'SMS') + ' · ' + new Date(t.at).toLocaleTimeString() + ' · ');
    meta.append(el('span', 'state ' + t.status.split(' ')[0], t.status));
    b.append(meta);
    thread.append(b);
  }
}
async function loadTexts() {
  try {
    const [inbound, outbox] = await Promise.all([fetch('/_dev/sms/inbound').then((r) => r.json()), fetch('/_dev/sms').then((r) => r.json())]);
    texts = { inbound: inbound.items || [], outbox: outbox.items || [] };
    renderTexts();
  } catch (e) { textAlert('Cannot load texts: ' + e.message); }
}
/** The numbers the providers' accounts hold (GET /_dev/sms/numbers): what a carrier delivers to Parley. */
let textable;
const notParley = (to) => to + ' is no number of Parley’s: a carrier would not deliver this text to Parley.';
/** Under To: a warning when the number is well formed but not one Parley can be texted at. */
function toHint() {
  const to = $('text-to').value.trim();
  $('text-to-hint').textContent = textable && /^\\+[1-9]\\d{6,14}$/.test(to) && !textable.has(to) ? notParley(to) : '';
}
async function loadParleyNumbers() {
  try {
    const [info, numbers] = await Promise.all([fetch('/_dev/info').then((r) => r.json()), fetch('/_dev/sms/numbers').then((r) => r.json())]);
    $('text-provider').textContent = (info && info.messagingProvider) || 'aws';
    textable = new Set(((numbers && numbers.items) || []).map((n) => n.e164));
    const list = $('parley-numbers'); list.replaceChildren();
    for (const n of textable) { const o = el('option'); o.value = n; list.append(o); }
    toHint();
  } catch { /* the datalist and the hint are a convenience */ }
}
$('text-to').addEventListener('input', toHint);
$('text-from').addEventListener('input', renderTexts);
loadParleyNumbers(); loadTexts(); setInterval(loadTexts, 2000);
load(); live();
</script></body></html>`;
}

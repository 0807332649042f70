import { BASE_STYLE } from './style.ts';

/** What `/` shows until clients/web is built (`clients/web/dist`). */
export function placeholderPage(): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Parley</title>
<style>${BASE_STYLE}
  .hero { padding: 72px 0 32px; }
  h1 { font-size: 44px; line-height: 1.1; margin: 18px 0 12px; letter-spacing: -0.02em; }
  .lead { font-size: 19px; color: var(--muted); max-width: 640px; }
  .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(230px, 1fr)); gap: 14px; margin: 28px 0; }
  .card h3 { margin: 0 0 6px; font-size: 16px; }
  .card p { margin: 0; color: var(--muted); font-size: 14px; }
  .cta { display: inline-block; margin-top: 8px; padding: 10px 16px; border-radius: 10px; background: var(--brand); color: #fff; text-decoration: none; font-weight: 600; }
  .note { margin-top: 28px; font-size: 14px; }
</style></head>
<body><div class="wrap">
  <div class="brand"><span class="logo">P</span> Parley</div>
  <section class="hero">
    <h1>Chat, calls and a phone number<br>for people in Panama, Singapore and Switzerland.</h1>
    <p class="lead">Parley replaces Skype for a distributed organisation: real-time messaging, voice and video calls,
      a personal number that rings in the browser, and SMS when you are away. It runs serverless on AWS and
      costs only what it is used for.</p>
    <a class="cta" href="/_dev">Open the devstack console</a>
  </section>
  <div class="grid">
    <div class="card"><h3>Messaging</h3><p>Conversations with ordered, never-lost messages, reactions, read receipts and attachments.</p></div>
    <div class="card"><h3>Calls</h3><p>App-to-app voice and video, inbound and outbound PSTN with a price quote before you dial.</p></div>
    <div class="card"><h3>Numbers</h3><p>A personal phone number per person, from Chime SDK or a SIP trunk.</p></div>
    <div class="card"><h3>Presence &amp; SMS</h3><p>Who is online, and an SMS for the missed call or voicemail.</p></div>
  </div>
  <p class="muted note">This is the local devstack. The web client appears here once it is built (<code>clients/web/dist</code>).
    The API is under <code>/api/&lt;service&gt;/…</code>, the WebSocket at <code>/ws</code>;
    <a href="/_dev">/_dev</a> shows service health, a live tail of every bus event and the SMS outbox.</p>
</div></body></html>`;
}

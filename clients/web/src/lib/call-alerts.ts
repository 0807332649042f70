import type { CallStore, Ring } from './call-store.ts';
import { localeStore, translator } from './i18n.ts';

/**
 * What makes a call noticeable: a ringtone while something rings this device, ringback while an
 * outgoing call waits for an answer (both synthesised with Web Audio, no asset), and when the tab
 * is hidden a flashing title and, if the person allowed it, a browser Notification.
 */

export interface CallAlertsDeps {
  calls: CallStore;
  window: Window;
  /** the caller's display name, if known */
  nameOf: (userId: string) => string | undefined;
}

type Tone = 'ring' | 'ringback';

/** A repeating two-tone pattern on an AudioContext (silent where Web Audio is missing). */
class TonePlayer {
  private context?: AudioContext;
  private timer?: ReturnType<typeof setInterval>;
  private playing?: Tone;
  private readonly win: Window;

  constructor(win: Window) {
    this.win = win;
  }

  play(tone: Tone | undefined): void {
    if (tone === this.playing) return;
    this.stop();
    this.playing = tone;
    if (!tone) return;
    const Context = (this.win as Window & { AudioContext?: typeof AudioContext }).AudioContext;
    if (!Context) return;
    this.context ??= new Context();
    void this.context.resume?.().catch(() => undefined);
    const burst = () => (tone === 'ring' ? this.ring() : this.ringback());
    burst();
    this.timer = setInterval(burst, tone === 'ring' ? 3_000 : 4_000);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.playing = undefined;
  }

  /** Ringtone: a bright rising pair of beeps, twice. */
  private ring(): void {
    for (const [offset, frequency] of [
      [0, 880],
      [0.18, 1175],
      [0.6, 880],
      [0.78, 1175],
    ] as const)
      this.beep(frequency, offset, 0.15, 0.18);
  }

  /** Ringback: the classic 440 + 480 Hz, 2 s on. */
  private ringback(): void {
    this.beep(440, 0, 2, 0.05);
    this.beep(480, 0, 2, 0.05);
  }

  private beep(frequency: number, offset: number, length: number, volume: number): void {
    const ctx = this.context;
    if (!ctx) return;
    const start = ctx.currentTime + offset;
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.frequency.value = frequency;
    gain.gain.setValueAtTime(0, start);
    gain.gain.linearRampToValueAtTime(volume, start + 0.02);
    gain.gain.setValueAtTime(volume, start + length - 0.03);
    gain.gain.linearRampToValueAtTime(0, start + length);
    osc.connect(gain).connect(ctx.destination);
    osc.start(start);
    osc.stop(start + length);
  }
}

export function startCallAlerts({ calls, window: win, nameOf }: CallAlertsDeps): () => void {
  const tones = new TonePlayer(win);
  const doc = win.document;
  let baseTitle = doc.title;
  let flash: ReturnType<typeof setInterval> | undefined;
  let notified = new Map<string, Notification>();

  const callerName = (ring: Ring) => ring.callerName ?? nameOf(ring.callerId) ?? '…';

  function stopFlash() {
    if (!flash) return;
    clearInterval(flash);
    flash = undefined;
    doc.title = baseTitle;
  }

  function update() {
    const { rings, current } = calls.state.get();
    const t = translator(localeStore.get());
    const inCall = current && current.phase !== 'ended';
    // A second ring while in a call (call waiting) only shows; it does not ring over the conversation.
    tones.play(rings.length > 0 && !inCall ? 'ring' : current?.phase === 'outgoing' ? 'ringback' : undefined);
    const first = rings[0];
    const hidden = doc.visibilityState === 'hidden';
    if (first && hidden) {
      if (!flash) {
        baseTitle = doc.title;
        let on = false;
        flash = setInterval(() => {
          on = !on;
          doc.title = on ? t('call.titleFlash', { name: callerName(first) }) : baseTitle;
        }, 1_000);
      }
    } else stopFlash();
    const Notify = (win as Window & { Notification?: typeof Notification }).Notification;
    const next = new Map<string, Notification>();
    for (const ring of rings) {
      const shown = notified.get(ring.callId);
      if (shown) next.set(ring.callId, shown);
      else if (hidden && Notify?.permission === 'granted') {
        const note = new Notify(t('call.notification', { name: callerName(ring) }), {
          tag: `call-${ring.callId}`,
          requireInteraction: true,
        });
        note.onclick = () => win.focus();
        next.set(ring.callId, note);
      }
    }
    for (const [id, note] of notified) if (!next.has(id)) note.close();
    notified = next;
  }

  const off = calls.state.subscribe(update);
  doc.addEventListener('visibilitychange', update);
  update();
  return () => {
    off();
    doc.removeEventListener('visibilitychange', update);
    tones.stop();
    stopFlash();
    for (const note of notified.values()) note.close();
  };
}

/** Asks once for permission to notify of calls while the tab is hidden (call it from a click). */
export function askNotificationPermission(win: Window = globalThis.window): void {
  const Notify = (win as Window & { Notification?: typeof Notification }).Notification;
  if (Notify?.permission === 'default') void Notify.requestPermission().catch(() => undefined);
}

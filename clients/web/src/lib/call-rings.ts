import type { CallsState, Ring } from './call-state.ts';
import type { Store } from './store.ts';

/** The rings of the call store: each stops by itself a little after its `ringUntil`, even if no frame says so. */
export class CallRings {
  private readonly state: Store<CallsState>;
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(state: Store<CallsState>) {
    this.state = state;
  }

  add(ring: Ring): void {
    if (this.state.get().rings.some((r) => r.callId === ring.callId)) return;
    this.state.set((s) => ({ ...s, rings: [...s.rings, ring] }));
    // The server ends an unanswered call at ringUntil; stop ringing then even if that frame is lost.
    // Measured from startedAt, not this device's clock, which may be off.
    const left = Math.max(0, Date.parse(ring.ringUntil) - Date.parse(ring.startedAt)) + 5_000;
    this.timers.set(
      ring.callId,
      setTimeout(() => this.drop(ring.callId), left),
    );
  }

  drop(callId: string): void {
    clearTimeout(this.timers.get(callId));
    this.timers.delete(callId);
    if (!this.state.get().rings.some((r) => r.callId === callId)) return;
    this.state.set((s) => ({ ...s, rings: s.rings.filter((r) => r.callId !== callId) }));
  }

  find(callId: string): Ring | undefined {
    return this.state.get().rings.find((r) => r.callId === callId);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}

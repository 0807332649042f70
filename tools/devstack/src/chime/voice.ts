import { createServer, type Server } from 'node:http';
import type {
  InboundRoute,
  SipMediaApplicationInfo,
  SmaCallControl,
  VoiceConnectorInfo,
  VoiceDirectory,
} from './ports.ts';
import { applicationRoutes } from './voice-applications.ts';
import { connectorInfo, connectorRoutes } from './voice-connectors.ts';
import { voiceListener } from './voice-http.ts';
import { completeDocuments, numberRoutes } from './voice-numbers.ts';
import { applicationInfo, routeInbound, ruleRoutes } from './voice-rules.ts';
import { VoiceStore, type VoiceStoreOptions } from './voice-store.ts';

export type VoiceEmulatorOptions = VoiceStoreOptions;

/**
 * devstack's Amazon Chime SDK Voice: the REST API the real `@aws-sdk/client-chime-sdk-voice`
 * speaks (phone numbers and orders, SIP media applications, SIP rules, Voice Connectors, and the
 * two SIP media application call operations, handed on to the SMA driver), and the
 * `VoiceDirectory` the driver routes calls with. State persists in `file`.
 */
export class VoiceEmulator implements VoiceDirectory {
  readonly server: Server;
  private readonly store: VoiceStore;
  private control: SmaCallControl | undefined;

  constructor(options: VoiceEmulatorOptions) {
    this.store = new VoiceStore(options);
    const routes = [
      ...numberRoutes(this.store),
      ...applicationRoutes(this.store, () => this.control),
      ...ruleRoutes(this.store),
      ...connectorRoutes(this.store),
    ];
    const listener = voiceListener(routes, () => this.store.settle());
    this.server = createServer((req, res) => void listener(req, res));
  }

  /** The SMA driver that CreateSipMediaApplicationCall / UpdateSipMediaApplicationCall hand on to. */
  attachCalls(control: SmaCallControl): void {
    this.control = control;
  }

  /**
   * Devstack only, not an AWS route: the identity documents of a PendingDocuments order (a Swiss
   * one) are in, so it completes and its numbers join the inventory. Throws for any other order.
   */
  completeDocuments(orderId: string): void {
    completeDocuments(this.store, orderId);
  }

  /**
   * Stops the emulator's timers. There are none: orders move on when the clock is next read (on
   * every request and lookup), so this only exists to match the other emulators' shape.
   */
  close(): void {
    // Nothing to stop; the server itself is closed by whoever listens on it.
  }

  routeToPhoneNumber(to: string): InboundRoute | undefined {
    this.store.settle();
    return routeInbound(this.store, 'ToPhoneNumber', to);
  }

  routeToHostname(hostname: string): InboundRoute | undefined {
    this.store.settle();
    return routeInbound(this.store, 'RequestUriHostname', hostname);
  }

  sipMediaApplication(id: string): SipMediaApplicationInfo | undefined {
    const sma = this.store.sipMediaApplications.get(id);
    return sma && applicationInfo(sma);
  }

  ownsPhoneNumber(e164: string): boolean {
    this.store.settle();
    const status = this.store.phoneNumbers.get(VoiceStore.e164(e164))?.Status;
    return status === 'Unassigned' || status === 'Assigned';
  }

  voiceConnectorByArn(arn: string): VoiceConnectorInfo | undefined {
    const vc = [...this.store.voiceConnectors.values()].find((v) => v.VoiceConnectorArn === arn);
    return vc && connectorInfo(vc);
  }
}

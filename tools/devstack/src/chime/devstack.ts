/**
 * The Chime emulator as the launcher runs it: the meetings and voice emulators, the SIP media
 * application driver with the virtual phone, the `aws.chime` events they put on the bus, and the
 * provisioning of what a stage's infrastructure supplies (the SMA, the carrier, SSM parameters).
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { type EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { ACCOUNT_ID, REGION, STAGE } from '../constants.ts';
import { listen } from '../http-util.ts';
import { MeetingsEmulator } from './meetings.ts';
import type { ChimeBusEvent } from './ports.ts';
import { provisionChime } from './provision.ts';
import { VirtualPhone } from './pstn-devstack.ts';
import { VoiceEmulator } from './voice.ts';

export interface ChimeStackOptions {
  dataDir: string;
  publicOrigin: () => string;
  log: (line: string) => void;
}

export class ChimeStack {
  readonly meetings: MeetingsEmulator;
  readonly voice: VoiceEmulator;
  readonly phone: VirtualPhone;
  private meetingsPort: number | undefined;
  private bus: EventBridgeClient | undefined;
  private busUp: () => void = () => {};
  private readonly busReady = new Promise<void>((resolve) => {
    this.busUp = resolve;
  });
  private events = Promise.resolve();
  private readonly options: ChimeStackOptions;

  constructor(options: ChimeStackOptions) {
    this.options = options;
    this.meetings = new MeetingsEmulator({
      file: join(options.dataDir, 'chime-meetings.json'),
      region: REGION,
      accountId: ACCOUNT_ID,
      publicOrigin: options.publicOrigin,
      emit: (e) => this.put(e),
    });
    this.voice = new VoiceEmulator({
      file: join(options.dataDir, 'chime-voice.json'),
      region: REGION,
      accountId: ACCOUNT_ID,
    });
    this.phone = new VirtualPhone({
      dataDir: options.dataDir,
      voice: this.voice,
      meetings: this.meetings,
      publicOrigin: options.publicOrigin,
      log: options.log,
    });
  }

  get servers(): Server[] {
    return [this.meetings.server, this.voice.server];
  }

  /** The meetings emulator's port (its signaling WebSockets), once it listens. */
  signalingPort(): number | undefined {
    return this.meetingsPort;
  }

  route(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    return this.phone.route(req, res, url);
  }

  /** Listens on the two ports and starts the driver (it needs the S3 endpoint and each service's Lambda port). */
  async listen(input: {
    meetingsPort: number;
    voicePort: number;
    s3Endpoint: string;
    lambdaPortOf: (service: string) => number | undefined;
  }): Promise<void> {
    this.phone.start({ s3Endpoint: input.s3Endpoint, lambdaPortOf: input.lambdaPortOf });
    await Promise.all([listen(this.meetings.server, input.meetingsPort), listen(this.voice.server, input.voicePort)]);
    this.meetingsPort = input.meetingsPort;
  }

  /** What the stage's infrastructure supplies to numbers and calling, through the real SDK clients. */
  provision(endpoints: { voice: string; ssm: string }): Promise<unknown> {
    return provisionChime({
      voiceEndpoint: endpoints.voice,
      ssmEndpoint: endpoints.ssm,
      trunks: this.phone.trunks,
      log: this.options.log,
    });
  }

  /** From now on events go onto the bus; those emitted while it was coming up follow, in order. */
  busIsUp(bus: EventBridgeClient): void {
    this.bus = bus;
    this.busUp();
  }

  close(): void {
    this.phone.close();
    this.meetings.close();
    this.voice.close();
  }

  /**
   * What Chime sends to EventBridge goes onto the parley bus (on AWS the platform stack's rule forwards
   * it there from the default bus), one PutEvents after the other so the order is kept.
   */
  private put(e: ChimeBusEvent): void {
    this.events = this.events
      .then(() => this.busReady)
      .then(() =>
        this.bus?.send(
          new PutEventsCommand({
            Entries: [
              {
                EventBusName: `parley-${STAGE}`,
                Source: e.source,
                DetailType: e.detailType,
                Detail: JSON.stringify(e.detail),
              },
            ],
          }),
        ),
      )
      .then(
        () => undefined,
        (err: Error) => this.options.log(`could not put ${String(e.detail.eventType)} on the bus: ${err.message}`),
      );
  }
}

/**
 * The virtual phone and the SIP media application driver as devstack runs them: built with the
 * launcher, started once the ports are known (the S3 endpoint, each service's offline Lambda
 * port), and answering `/_dev/pstn` on the public origin.
 */

import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { CREDENTIALS, REGION, STAGE } from '../constants.ts';
import { sendError } from '../http-util.ts';
import type { MeetingDirectory, SmaCallControl, VoiceDirectory } from './ports.ts';
import { PstnCalls } from './pstn-calls.ts';
import { pstnRoute } from './pstn-routes.ts';
import { PstnTrunks } from './pstn-trunks.ts';
import { scaledClock } from './sma-clock.ts';
import { SmaDriver } from './sma-driver.ts';
import { offlineLambdaInvoker } from './sma-lambda.ts';

export interface VirtualPhoneOptions {
  dataDir: string;
  voice: VoiceDirectory & { attachCalls(control: SmaCallControl): void };
  meetings: MeetingDirectory;
  publicOrigin: () => string;
  log: (line: string) => void;
}

export class VirtualPhone {
  readonly calls: PstnCalls;
  readonly trunks: PstnTrunks;
  private readonly options: VirtualPhoneOptions;
  private running: { driver: SmaDriver; s3: S3Client; invoker: { destroy(): void } } | undefined;

  constructor(options: VirtualPhoneOptions) {
    this.options = options;
    this.calls = new PstnCalls(scaledClock());
    this.trunks = new PstnTrunks(join(options.dataDir, 'pstn-trunks.json'));
  }

  /** Builds the driver (real LambdaClient per offline Lambda port, real S3 client) and hands it to the voice API. */
  start(ports: { s3Endpoint: string; lambdaPortOf(service: string): number | undefined }): void {
    const s3 = new S3Client({
      region: REGION,
      endpoint: ports.s3Endpoint,
      credentials: CREDENTIALS,
      forcePathStyle: true,
    });
    const invoker = offlineLambdaInvoker({
      stage: STAGE,
      region: REGION,
      credentials: CREDENTIALS,
      lambdaPortOf: ports.lambdaPortOf,
    });
    const driver = new SmaDriver({
      voice: this.options.voice,
      meetings: this.options.meetings,
      invoke: invoker,
      s3,
      phone: this.calls,
      publicOrigin: this.options.publicOrigin,
      log: this.options.log,
    });
    this.options.voice.attachCalls(driver);
    this.running = { driver, s3, invoker };
  }

  /** `/_dev/pstn/…` on the public origin. */
  async route(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const running = this.running;
    if (!running)
      return sendError(
        res,
        503,
        'starting',
        'The virtual phone starts with the Chime emulator; try again in a moment.',
      );
    await pstnRoute(req, res, url, {
      phone: this.calls,
      trunks: this.trunks,
      voice: this.options.voice,
      driver: running.driver,
    });
  }

  /** Ends every call and stops the clients. */
  close(): void {
    this.running?.driver.close();
    this.running?.s3.destroy();
    this.running?.invoker.destroy();
  }
}

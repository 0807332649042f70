import { type Probe, probeHttp, probeHttpAnswer, probeTcp } from './health.ts';
import type { ComponentHealth, HealthReport } from './origin.ts';
import type { ManagedProcess } from './processes.ts';
import { BROKER_SERVICE, type OfflinePorts, type ServiceName } from './services.ts';

export interface HealthTargets {
  services: { name: ServiceName; ports: OfflinePorts; process?: ManagedProcess }[];
  brokerPort: number;
  dynamodb: { port: number; process?: ManagedProcess };
  s3Port: number;
  ssmPort: number;
  snsPort: number;
  /** the SESv2 emulator (the email outbox), when it runs */
  sesPort?: number;
  /** the End User Messaging Social emulator (WhatsApp), when it runs */
  socialMessagingPort?: number;
  /** the End User Messaging SMS emulator (conversation replies), when it runs */
  smsVoicePort?: number;
  chimeMeetingsPort: number;
  chimeVoicePort: number;
  /** loopback URL per emulated AWS endpoint, reported as is */
  endpoints: Record<string, string>;
}

/**
 * Probes every service (`GET /health` on its offline port; the broker's port for platform, which has
 * no functions) and the infrastructure, in parallel. ok only when all of them answer.
 */
export function stackHealth(targets: HealthTargets) {
  const seenUp = new Set<string>();
  const judge = (name: string, port: number, probe: Probe, process?: ManagedProcess): ComponentHealth => {
    if (process?.exitCode !== undefined) return { status: 'exited', port, detail: `exited with ${process.exitCode}` };
    if (probe.ok) {
      seenUp.add(name);
      return { status: 'up', port, ms: probe.ms };
    }
    return { status: seenUp.has(name) ? 'down' : 'starting', port, ...(probe.detail ? { detail: probe.detail } : {}) };
  };
  return async function check(): Promise<HealthReport> {
    const serviceChecks = targets.services.map(async (s) => {
      const port = s.name === BROKER_SERVICE ? targets.brokerPort : s.ports.http;
      const probe =
        s.name === BROKER_SERVICE ? await probeTcp(port) : await probeHttp(`http://127.0.0.1:${port}/health`);
      return [s.name, judge(s.name, port, probe, s.process)] as const;
    });
    const infra: [string, number, () => Promise<Probe>, ManagedProcess?][] = [
      [
        'dynamodb',
        targets.dynamodb.port,
        () => probeHttpAnswer(`http://127.0.0.1:${targets.dynamodb.port}/`),
        targets.dynamodb.process,
      ],
      ['s3', targets.s3Port, () => probeTcp(targets.s3Port)],
      ['ssm', targets.ssmPort, () => probeTcp(targets.ssmPort)],
      ['sns', targets.snsPort, () => probeTcp(targets.snsPort)],
      ...(targets.sesPort !== undefined
        ? [
            ['ses', targets.sesPort, () => probeTcp(targets.sesPort as number)] as [
              string,
              number,
              () => Promise<Probe>,
            ],
          ]
        : []),
      ...(targets.socialMessagingPort !== undefined
        ? [
            ['socialmessaging', targets.socialMessagingPort, () => probeTcp(targets.socialMessagingPort as number)] as [
              string,
              number,
              () => Promise<Probe>,
            ],
          ]
        : []),
      ...(targets.smsVoicePort !== undefined
        ? [
            ['pinpoint-sms-voice-v2', targets.smsVoicePort, () => probeTcp(targets.smsVoicePort as number)] as [
              string,
              number,
              () => Promise<Probe>,
            ],
          ]
        : []),
      ['chime-meetings', targets.chimeMeetingsPort, () => probeTcp(targets.chimeMeetingsPort)],
      ['chime-voice', targets.chimeVoicePort, () => probeTcp(targets.chimeVoicePort)],
    ];
    const infraChecks = infra.map(
      async ([name, port, probe, process]) => [name, judge(name, port, await probe(), process)] as const,
    );
    const services = Object.fromEntries(await Promise.all(serviceChecks));
    const infrastructure = Object.fromEntries(await Promise.all(infraChecks));
    const all = [...Object.values(services), ...Object.values(infrastructure)];
    return {
      status: all.every((c) => c.status === 'up') ? 'ok' : 'unavailable',
      services,
      infrastructure,
      endpoints: targets.endpoints,
    };
  };
}

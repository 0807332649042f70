import { randomBytes } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';
import type { VoiceConnectorInfo } from './ports.ts';
import { SMA_REGIONS } from './voice-applications.ts';
import { ISO_COUNTRIES } from './voice-catalog.ts';
import { badRequest, conflict, notFound, route, VoiceFault, type VoiceRoute } from './voice-http.ts';
import {
  E164_PATTERN,
  type Input,
  optionalBoolean,
  optionalInteger,
  optionalObjectList,
  optionalString,
  optionalStringList,
  paginate,
  requiredBoolean,
  requiredInteger,
  requiredObject,
  requiredString,
} from './voice-input.ts';
import { ruleForHostname } from './voice-rules.ts';
import type { StoredOriginationRoute, StoredVoiceConnector, VoiceStore } from './voice-store.ts';

/** AWS's default quota: Voice Connectors per account per Region. */
export const VOICE_CONNECTORS_PER_REGION = 3;

const NAME = { min: 1, max: 256, pattern: /\S/ };
const HOST = /^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$/;

/** Voice Connector ids look like AWS's: 22 lower-case letters and digits (they are a DNS label). */
function connectorId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from(randomBytes(22), (b) => alphabet[b % alphabet.length]).join('');
}

function describe(vc: StoredVoiceConnector) {
  const { origination: _origination, termination: _termination, ...wire } = vc;
  return wire;
}

function existing(store: VoiceStore, id: string): StoredVoiceConnector {
  const vc = store.voiceConnectors.get(id);
  if (!vc) throw notFound(`Voice Connector ${id} was not found.`);
  return vc;
}

function optionalEnum(input: Input, name: string, allowed: readonly string[]): string | undefined {
  const value = optionalString(input, name);
  if (value !== undefined && !allowed.includes(value)) throw badRequest(`${name} ${value} is not one of ${allowed}.`);
  return value;
}

/** An IPv4 CIDR with its host bits clear (`54.172.60.0/30`), or an IPv6 CIDR. */
export function isCidr(value: string): boolean {
  const [address = '', bits, extra] = value.split('/');
  if (bits === undefined || extra !== undefined || !/^\d{1,3}$/.test(bits)) return false;
  const prefix = Number(bits);
  if (isIPv6(address)) return prefix <= 128;
  if (!isIPv4(address) || prefix > 32) return false;
  const n = address.split('.').reduce((acc, octet) => acc * 256 + Number(octet), 0);
  const hostBits = 2 ** (32 - prefix);
  return n % hostBits === 0;
}

function routesOf(list: Input[]): StoredOriginationRoute[] {
  return list.map((r) => {
    const host = requiredString(r, 'Host');
    if (!HOST.test(host) && !isIPv4(host) && !isIPv6(host)) throw badRequest(`Host ${host} is not a host name or IP.`);
    const protocol = optionalEnum(r, 'Protocol', ['TCP', 'UDP']);
    if (!protocol) throw badRequest('Protocol is required.');
    return {
      Host: host,
      Port: optionalInteger(r, 'Port', 0, 65535) ?? 5060,
      Protocol: protocol as 'TCP' | 'UDP',
      Priority: requiredInteger(r, 'Priority', 1, 99),
      Weight: requiredInteger(r, 'Weight', 1, 99),
    };
  });
}

function terminationOf(input: Input): NonNullable<StoredVoiceConnector['termination']> {
  const disabled = optionalBoolean(input, 'Disabled') ?? false;
  const regions = optionalStringList(input, 'CallingRegions', 0, 300) ?? [];
  const cidrs = optionalStringList(input, 'CidrAllowedList', 0, 100) ?? [];
  const defaultNumber = optionalString(input, 'DefaultPhoneNumber', { pattern: E164_PATTERN });
  for (const region of regions) {
    if (!ISO_COUNTRIES.has(region)) throw badRequest(`CallingRegions: ${region} is not an ISO 3166-1 alpha-2 code.`);
  }
  for (const cidr of cidrs) {
    if (!isCidr(cidr)) throw badRequest(`CidrAllowedList: ${cidr} is not valid CIDR notation.`);
  }
  if (!disabled && (regions.length === 0 || cidrs.length === 0)) {
    throw badRequest('An enabled termination needs CallingRegions and CidrAllowedList.');
  }
  return {
    CpsLimit: optionalInteger(input, 'CpsLimit', 1, Number.MAX_SAFE_INTEGER) ?? 1,
    ...(defaultNumber ? { DefaultPhoneNumber: defaultNumber } : {}),
    CallingRegions: regions,
    CidrAllowedList: cidrs,
    Disabled: disabled,
  };
}

/** What the SMA driver needs to bridge a call out through a connector (no routes while origination is disabled). */
export function connectorInfo(vc: StoredVoiceConnector): VoiceConnectorInfo {
  const routes = vc.origination && !vc.origination.Disabled ? vc.origination.Routes : [];
  return {
    voiceConnectorId: vc.VoiceConnectorId,
    arn: vc.VoiceConnectorArn,
    outboundHostName: vc.OutboundHostName,
    originationRoutes: routes.map((r) => ({
      host: r.Host,
      port: r.Port,
      protocol: r.Protocol,
      priority: r.Priority,
      weight: r.Weight,
    })),
  };
}

/** Voice Connectors with origination and termination: enough for a third-party SIP trunk. */
export function connectorRoutes(store: VoiceStore): VoiceRoute[] {
  return [
    route('CreateVoiceConnector', 'POST /voice-connectors', ({ body }) => {
      const name = requiredString(body, 'Name', NAME);
      const requireEncryption = requiredBoolean(body, 'RequireEncryption');
      const region = optionalEnum(body, 'AwsRegion', SMA_REGIONS) ?? store.region;
      const integrationType = optionalEnum(body, 'IntegrationType', [
        'CONNECT_CALL_TRANSFER_CONNECTOR',
        'CONNECT_ANALYTICS_CONNECTOR',
      ]);
      const networkType = optionalEnum(body, 'NetworkType', ['IPV4_ONLY', 'DUAL_STACK']);
      const inRegion = [...store.voiceConnectors.values()].filter((vc) => vc.AwsRegion === region).length;
      if (inRegion >= VOICE_CONNECTORS_PER_REGION) {
        throw new VoiceFault(
          'ResourceLimitExceededException',
          `The account has ${inRegion} Voice Connectors in ${region}, the limit (${VOICE_CONNECTORS_PER_REGION}).`,
        );
      }
      const id = connectorId();
      const at = store.isoNow();
      const vc: StoredVoiceConnector = {
        VoiceConnectorId: id,
        VoiceConnectorArn: `arn:aws:chime:${region}:${store.accountId}:vc/${id}`,
        AwsRegion: region,
        Name: name,
        OutboundHostName: `${id}.voiceconnector.chime.aws`,
        RequireEncryption: requireEncryption,
        ...(integrationType ? { IntegrationType: integrationType } : {}),
        ...(networkType ? { NetworkType: networkType } : {}),
        CreatedTimestamp: at,
        UpdatedTimestamp: at,
      };
      store.voiceConnectors.set(id, vc);
      store.save();
      return { status: 201, body: { VoiceConnector: describe(vc) } };
    }),
    route('GetVoiceConnector', 'GET /voice-connectors/{VoiceConnectorId}', ({ params }) => ({
      status: 200,
      body: { VoiceConnector: describe(existing(store, params.VoiceConnectorId ?? '')) },
    })),
    route('ListVoiceConnectors', 'GET /voice-connectors', ({ query }) => {
      const all = [...store.voiceConnectors.values()].sort((a, b) =>
        a.CreatedTimestamp.localeCompare(b.CreatedTimestamp),
      );
      const { page, NextToken } = paginate(all, query, 99);
      return { status: 200, body: { VoiceConnectors: page.map(describe), NextToken } };
    }),
    route('UpdateVoiceConnector', 'PUT /voice-connectors/{VoiceConnectorId}', ({ params, body }) => {
      const vc = existing(store, params.VoiceConnectorId ?? '');
      vc.Name = requiredString(body, 'Name', NAME);
      vc.RequireEncryption = requiredBoolean(body, 'RequireEncryption');
      vc.UpdatedTimestamp = store.isoNow();
      store.save();
      return { status: 200, body: { VoiceConnector: describe(vc) } };
    }),
    route('DeleteVoiceConnector', 'DELETE /voice-connectors/{VoiceConnectorId}', ({ params }) => {
      const vc = existing(store, params.VoiceConnectorId ?? '');
      const rule = ruleForHostname(store, vc.OutboundHostName);
      if (rule) throw conflict(`SIP rule ${rule.SipRuleId} routes calls from ${vc.OutboundHostName}; delete it first.`);
      store.voiceConnectors.delete(vc.VoiceConnectorId);
      store.save();
      return { status: 204 };
    }),
    route(
      'PutVoiceConnectorOrigination',
      'PUT /voice-connectors/{VoiceConnectorId}/origination',
      ({ params, body }) => {
        const vc = existing(store, params.VoiceConnectorId ?? '');
        const input = requiredObject(body, 'Origination');
        const disabled = optionalBoolean(input, 'Disabled') ?? false;
        const routes = routesOf(optionalObjectList(input, 'Routes', 0, 20) ?? []);
        if (!disabled && routes.length === 0) throw badRequest('An enabled origination needs at least one route.');
        vc.origination = { Routes: routes, Disabled: disabled };
        vc.UpdatedTimestamp = store.isoNow();
        store.save();
        return { status: 200, body: { Origination: vc.origination } };
      },
    ),
    route('GetVoiceConnectorOrigination', 'GET /voice-connectors/{VoiceConnectorId}/origination', ({ params }) => {
      const vc = existing(store, params.VoiceConnectorId ?? '');
      if (!vc.origination) throw notFound(`Voice Connector ${vc.VoiceConnectorId} has no origination settings.`);
      return { status: 200, body: { Origination: vc.origination } };
    }),
    route(
      'DeleteVoiceConnectorOrigination',
      'DELETE /voice-connectors/{VoiceConnectorId}/origination',
      ({ params }) => {
        const vc = existing(store, params.VoiceConnectorId ?? '');
        delete vc.origination;
        store.save();
        return { status: 204 };
      },
    ),
    route(
      'PutVoiceConnectorTermination',
      'PUT /voice-connectors/{VoiceConnectorId}/termination',
      ({ params, body }) => {
        const vc = existing(store, params.VoiceConnectorId ?? '');
        vc.termination = terminationOf(requiredObject(body, 'Termination'));
        vc.UpdatedTimestamp = store.isoNow();
        store.save();
        return { status: 200, body: { Termination: vc.termination } };
      },
    ),
    route('GetVoiceConnectorTermination', 'GET /voice-connectors/{VoiceConnectorId}/termination', ({ params }) => {
      const vc = existing(store, params.VoiceConnectorId ?? '');
      if (!vc.termination) throw notFound(`Voice Connector ${vc.VoiceConnectorId} has no termination settings.`);
      return { status: 200, body: { Termination: vc.termination } };
    }),
    route(
      'DeleteVoiceConnectorTermination',
      'DELETE /voice-connectors/{VoiceConnectorId}/termination',
      ({ params }) => {
        const vc = existing(store, params.VoiceConnectorId ?? '');
        delete vc.termination;
        store.save();
        return { status: 204 };
      },
    ),
  ];
}

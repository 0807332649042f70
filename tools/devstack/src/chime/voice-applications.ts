import { randomUUID } from 'node:crypto';
import type { SmaCallControl } from './ports.ts';
import { badRequest, conflict, notFound, route, VoiceFault, type VoiceRoute } from './voice-http.ts';
import {
  E164_PATTERN,
  type Input,
  optionalObjectList,
  optionalString,
  optionalStringMap,
  paginate,
  requiredString,
} from './voice-input.ts';
import { type StoredSipMediaApplication, VoiceStore } from './voice-store.ts';

/** Regions where SIP media applications (and Voice Connectors) run, as the model's region enum lists them. */
export const SMA_REGIONS = [
  'us-east-1',
  'us-west-2',
  'ca-central-1',
  'eu-central-1',
  'eu-west-1',
  'eu-west-2',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-southeast-1',
  'ap-southeast-2',
] as const;

const NAME = { min: 1, max: 256, pattern: /^[a-zA-Z0-9 _.-]+$/ };
const LAMBDA_ARN = /^arn:aws:lambda:([a-z0-9-]+):(\d{12}):function:[a-zA-Z0-9_-]{1,140}(:(\$LATEST|[a-zA-Z0-9_-]+))?$/;

/** Exactly one endpoint, a Lambda function in the application's own region. */
function endpointsOf(list: Input[], region: string): { LambdaArn: string }[] {
  if (list.length !== 1) throw badRequest('Endpoints must hold exactly 1 endpoint.');
  const lambdaArn = requiredString(list[0] ?? {}, 'LambdaArn', { min: 1, max: 1024, pattern: LAMBDA_ARN });
  const arnRegion = LAMBDA_ARN.exec(lambdaArn)?.[1];
  if (arnRegion !== region) {
    throw badRequest(`The Lambda function must be in the SIP media application's Region ${region}, not ${arnRegion}.`);
  }
  return [{ LambdaArn: lambdaArn }];
}

function existing(store: VoiceStore, id: string): StoredSipMediaApplication {
  const sma = store.sipMediaApplications.get(id);
  if (!sma) throw notFound(`SIP media application ${id} was not found.`);
  return sma;
}

function uniqueName(store: VoiceStore, name: string, except?: string): void {
  for (const other of store.sipMediaApplications.values()) {
    if (other.Name === name && other.SipMediaApplicationId !== except) {
      throw conflict(`A SIP media application named "${name}" already exists.`);
    }
  }
}

/**
 * SIP headers the API takes for an outbound leg: `x-` headers, User-to-User and Diversion, never
 * the reserved X-AMZN ones, at most 2048 characters each.
 */
function checkSipHeaders(headers: Record<string, string> | undefined): void {
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (/^x-amzn/i.test(name)) throw badRequest(`Invalid SIP header(s) provided: ${name} (X-AMZN is reserved).`);
    if (!/^x-[a-z0-9-]+$/i.test(name) && name !== 'User-to-User' && name !== 'Diversion') {
      throw badRequest(`Invalid SIP header(s) provided: ${name}.`);
    }
    if (value.length > 2048) throw badRequest(`SIP header ${name} is longer than 2048 characters.`);
  }
}

/** The call operations hand on to the SMA driver; without one attached, the service is unavailable. */
function controlOf(calls: () => SmaCallControl | undefined): SmaCallControl {
  const control = calls();
  if (!control) {
    throw new VoiceFault('ServiceUnavailableException', 'devstack: no SIP media application driver is attached yet.');
  }
  return control;
}

/** SIP media applications and their two call operations. */
export function applicationRoutes(store: VoiceStore, calls: () => SmaCallControl | undefined): VoiceRoute[] {
  return [
    route('CreateSipMediaApplication', 'POST /sip-media-applications', ({ body }) => {
      const region = requiredString(body, 'AwsRegion');
      if (!(SMA_REGIONS as readonly string[]).includes(region)) {
        throw badRequest(`AwsRegion ${region} does not run SIP media applications.`);
      }
      const name = requiredString(body, 'Name', NAME);
      const list = optionalObjectList(body, 'Endpoints', 1, 1);
      if (!list) throw badRequest('Endpoints is required.');
      const endpoints = endpointsOf(list, region);
      uniqueName(store, name);
      const id = randomUUID();
      const at = store.isoNow();
      const sma: StoredSipMediaApplication = {
        SipMediaApplicationId: id,
        SipMediaApplicationArn: `arn:aws:chime:${region}:${store.accountId}:sma/${id}`,
        AwsRegion: region,
        Name: name,
        Endpoints: endpoints,
        CreatedTimestamp: at,
        UpdatedTimestamp: at,
      };
      store.sipMediaApplications.set(id, sma);
      store.save();
      return { status: 201, body: { SipMediaApplication: sma } };
    }),
    route('GetSipMediaApplication', 'GET /sip-media-applications/{SipMediaApplicationId}', ({ params }) => ({
      status: 200,
      body: { SipMediaApplication: existing(store, params.SipMediaApplicationId ?? '') },
    })),
    route('ListSipMediaApplications', 'GET /sip-media-applications', ({ query }) => {
      const all = [...store.sipMediaApplications.values()].sort((a, b) =>
        a.CreatedTimestamp.localeCompare(b.CreatedTimestamp),
      );
      const { page, NextToken } = paginate(all, query, 100);
      return { status: 200, body: { SipMediaApplications: page, NextToken } };
    }),
    route('UpdateSipMediaApplication', 'PUT /sip-media-applications/{SipMediaApplicationId}', ({ params, body }) => {
      const sma = existing(store, params.SipMediaApplicationId ?? '');
      const name = optionalString(body, 'Name', NAME);
      const list = optionalObjectList(body, 'Endpoints', 1, 1);
      const endpoints = list && endpointsOf(list, sma.AwsRegion);
      if (name !== undefined) uniqueName(store, name, sma.SipMediaApplicationId);
      if (name !== undefined) sma.Name = name;
      if (endpoints) sma.Endpoints = endpoints;
      sma.UpdatedTimestamp = store.isoNow();
      store.save();
      return { status: 200, body: { SipMediaApplication: sma } };
    }),
    route('DeleteSipMediaApplication', 'DELETE /sip-media-applications/{SipMediaApplicationId}', ({ params }) => {
      const sma = existing(store, params.SipMediaApplicationId ?? '');
      for (const rule of store.sipRules.values()) {
        if (rule.TargetApplications.some((t) => t.SipMediaApplicationId === sma.SipMediaApplicationId)) {
          throw conflict(`SIP rule ${rule.SipRuleId} targets SIP media application ${sma.SipMediaApplicationId}.`);
        }
      }
      store.sipMediaApplications.delete(sma.SipMediaApplicationId);
      store.save();
      return { status: 204 };
    }),
    route(
      'CreateSipMediaApplicationCall',
      'POST /sip-media-applications/{SipMediaApplicationId}/calls',
      ({ params, body }) => {
        const id = params.SipMediaApplicationId ?? '';
        const from = requiredString(body, 'FromPhoneNumber', { pattern: E164_PATTERN });
        const to = requiredString(body, 'ToPhoneNumber', { pattern: E164_PATTERN });
        const sipHeaders = optionalStringMap(body, 'SipHeaders', 20);
        const argumentsMap = optionalStringMap(body, 'ArgumentsMap', 20);
        checkSipHeaders(sipHeaders);
        // The model gives this operation no NotFoundException: an unknown application is a bad request.
        if (!store.sipMediaApplications.has(id)) throw badRequest(`SIP media application ${id} was not found.`);
        const number = store.phoneNumbers.get(VoiceStore.e164(from));
        if (!number || (number.Status !== 'Unassigned' && number.Status !== 'Assigned')) {
          throw badRequest(`FromPhoneNumber ${from} is not a phone number of this account.`);
        }
        if (number.ProductType !== 'SipMediaApplicationDialIn') {
          throw badRequest(`FromPhoneNumber ${from} is not a SipMediaApplicationDialIn number.`);
        }
        const { transactionId } = controlOf(calls).createCall({
          sipMediaApplicationId: id,
          fromPhoneNumber: VoiceStore.e164(from),
          toPhoneNumber: VoiceStore.e164(to),
          ...(sipHeaders ? { sipHeaders } : {}),
          ...(argumentsMap ? { argumentsMap } : {}),
        });
        return { status: 201, body: { SipMediaApplicationCall: { TransactionId: transactionId } } };
      },
    ),
    route(
      'UpdateSipMediaApplicationCall',
      'POST /sip-media-applications/{SipMediaApplicationId}/calls/{TransactionId}',
      ({ params, body }) => {
        const id = params.SipMediaApplicationId ?? '';
        const transactionId = params.TransactionId ?? '';
        const args = optionalStringMap(body, 'Arguments', 20);
        if (!args) throw badRequest('Arguments is required.');
        existing(store, id);
        const found = controlOf(calls).updateCall({ sipMediaApplicationId: id, transactionId, arguments: args });
        if (!found) throw notFound(`Transaction ${transactionId} was not found or has ended.`);
        return { status: 202, body: { SipMediaApplicationCall: { TransactionId: transactionId } } };
      },
    ),
  ];
}

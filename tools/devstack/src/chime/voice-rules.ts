import { randomUUID } from 'node:crypto';
import type { InboundRoute, SipMediaApplicationInfo } from './ports.ts';
import { SMA_REGIONS } from './voice-applications.ts';
import { badRequest, conflict, notFound, route, type VoiceRoute } from './voice-http.ts';
import {
  E164_PATTERN,
  type Input,
  optionalBoolean,
  optionalObjectList,
  paginate,
  requiredInteger,
  requiredString,
} from './voice-input.ts';
import { type StoredSipMediaApplication, type StoredSipRule, VoiceStore } from './voice-store.ts';

const TRIGGER_TYPES = ['ToPhoneNumber', 'RequestUriHostname'] as const;
type TriggerType = (typeof TRIGGER_TYPES)[number];

/** The form trigger values are compared in: numbers with their `+`, host names in lower case. */
function normalise(type: TriggerType, value: string): string {
  return type === 'ToPhoneNumber' ? VoiceStore.e164(value) : value.toLowerCase();
}

/** 1–25 targets, each an existing application in its own Region, one per Region, Priority ≥ 1. */
function targetsOf(store: VoiceStore, list: Input[]): StoredSipRule['TargetApplications'] {
  const regions = new Set<string>();
  return list.map((target) => {
    const id = requiredString(target, 'SipMediaApplicationId');
    const priority = requiredInteger(target, 'Priority', 1, Number.MAX_SAFE_INTEGER);
    const region = requiredString(target, 'AwsRegion');
    if (!(SMA_REGIONS as readonly string[]).includes(region)) throw badRequest(`AwsRegion ${region} is not valid.`);
    const sma = store.sipMediaApplications.get(id);
    if (!sma) throw badRequest(`SIP media application ${id} was not found.`);
    if (sma.AwsRegion !== region)
      throw badRequest(`SIP media application ${id} is in ${sma.AwsRegion}, not ${region}.`);
    if (regions.has(region)) throw badRequest(`TargetApplications has more than one target in ${region}.`);
    regions.add(region);
    return { SipMediaApplicationId: id, Priority: priority, AwsRegion: region };
  });
}

function existing(store: VoiceStore, id: string): StoredSipRule {
  const rule = store.sipRules.get(id);
  if (!rule) throw notFound(`SIP rule ${id} was not found.`);
  return rule;
}

/** Checks the trigger names something of this account's and that no other rule has it. */
function checkTrigger(store: VoiceStore, type: TriggerType, value: string): void {
  if (type === 'ToPhoneNumber') {
    if (!E164_PATTERN.test(value)) throw badRequest(`TriggerValue ${value} is not an E.164 phone number.`);
    const number = store.phoneNumbers.get(value);
    if (!number || (number.Status !== 'Unassigned' && number.Status !== 'Assigned')) {
      throw badRequest(`Phone number ${value} is not in this account's inventory.`);
    }
    if (number.ProductType !== 'SipMediaApplicationDialIn') {
      throw badRequest(`Phone number ${value} is a ${number.ProductType} number, not SipMediaApplicationDialIn.`);
    }
  } else if (![...store.voiceConnectors.values()].some((vc) => vc.OutboundHostName.toLowerCase() === value)) {
    throw badRequest(`${value} is not the outbound host name of a Voice Connector of this account.`);
  }
  for (const other of store.sipRules.values()) {
    if (other.TriggerType === type && normalise(type, other.TriggerValue) === value) {
      throw conflict(`SIP rule ${other.SipRuleId} already has trigger ${type} ${value}.`);
    }
  }
}

function setAssociation(store: VoiceStore, rule: StoredSipRule, associated: boolean): void {
  if (rule.TriggerType !== 'ToPhoneNumber') return;
  const number = store.phoneNumbers.get(rule.TriggerValue);
  if (!number) return;
  number.Associations = number.Associations.filter((a) => !(a.Name === 'SipRuleId' && a.Value === rule.SipRuleId));
  if (associated) {
    number.Associations.push({ Name: 'SipRuleId', Value: rule.SipRuleId, AssociatedTimestamp: store.isoNow() });
  }
  number.Status = number.Associations.length > 0 ? 'Assigned' : 'Unassigned';
  number.UpdatedTimestamp = store.isoNow();
}

/** The application info the SMA driver needs. */
export function applicationInfo(sma: StoredSipMediaApplication): SipMediaApplicationInfo {
  return {
    sipMediaApplicationId: sma.SipMediaApplicationId,
    awsRegion: sma.AwsRegion,
    lambdaArn: sma.Endpoints[0]?.LambdaArn ?? '',
  };
}

/**
 * Where an inbound call goes: the enabled rule for that trigger, and the application of its
 * lowest-Priority target (on AWS the next one runs only if that Region fails, which devstack never does).
 */
export function routeInbound(store: VoiceStore, type: TriggerType, value: string): InboundRoute | undefined {
  const wanted = normalise(type, value);
  const rule = [...store.sipRules.values()].find(
    (r) => !r.Disabled && r.TriggerType === type && normalise(type, r.TriggerValue) === wanted,
  );
  if (!rule) return undefined;
  const ordered = [...rule.TargetApplications].sort((a, b) => a.Priority - b.Priority);
  for (const target of ordered) {
    const sma = store.sipMediaApplications.get(target.SipMediaApplicationId);
    if (sma) return { sipRuleId: rule.SipRuleId, sipMediaApplication: applicationInfo(sma) };
  }
  return undefined;
}

/** SIP rules: ToPhoneNumber and RequestUriHostname triggers, disabled before deletion. */
export function ruleRoutes(store: VoiceStore): VoiceRoute[] {
  return [
    route('CreateSipRule', 'POST /sip-rules', ({ body }) => {
      const name = requiredString(body, 'Name', { min: 1, max: 256 });
      const type = requiredString(body, 'TriggerType') as TriggerType;
      if (!TRIGGER_TYPES.includes(type))
        throw badRequest(`TriggerType ${type} is not one of ${TRIGGER_TYPES.join(', ')}.`);
      const value = normalise(type, requiredString(body, 'TriggerValue'));
      const disabled = optionalBoolean(body, 'Disabled') ?? false;
      const list = optionalObjectList(body, 'TargetApplications', 1, 25);
      if (!list) throw badRequest('TargetApplications is required.');
      const targets = targetsOf(store, list);
      checkTrigger(store, type, value);
      const at = store.isoNow();
      const rule: StoredSipRule = {
        SipRuleId: randomUUID(),
        Name: name,
        Disabled: disabled,
        TriggerType: type,
        TriggerValue: value,
        TargetApplications: targets,
        CreatedTimestamp: at,
        UpdatedTimestamp: at,
      };
      store.sipRules.set(rule.SipRuleId, rule);
      setAssociation(store, rule, true);
      store.save();
      return { status: 201, body: { SipRule: rule } };
    }),
    route('GetSipRule', 'GET /sip-rules/{SipRuleId}', ({ params }) => ({
      status: 200,
      body: { SipRule: existing(store, params.SipRuleId ?? '') },
    })),
    route('ListSipRules', 'GET /sip-rules', ({ query }) => {
      const smaId = query.get('sip-media-application');
      const rules = [...store.sipRules.values()]
        .filter((r) => !smaId || r.TargetApplications.some((t) => t.SipMediaApplicationId === smaId))
        .sort((a, b) => a.CreatedTimestamp.localeCompare(b.CreatedTimestamp));
      const { page, NextToken } = paginate(rules, query, 99);
      return { status: 200, body: { SipRules: page, NextToken } };
    }),
    route('UpdateSipRule', 'PUT /sip-rules/{SipRuleId}', ({ params, body }) => {
      const rule = existing(store, params.SipRuleId ?? '');
      const name = requiredString(body, 'Name', { min: 1, max: 256 });
      const disabled = optionalBoolean(body, 'Disabled');
      const list = optionalObjectList(body, 'TargetApplications', 1, 25);
      const targets = list && targetsOf(store, list);
      rule.Name = name;
      if (disabled !== undefined) rule.Disabled = disabled;
      if (targets) rule.TargetApplications = targets;
      rule.UpdatedTimestamp = store.isoNow();
      store.save();
      return { status: 202, body: { SipRule: rule } };
    }),
    route('DeleteSipRule', 'DELETE /sip-rules/{SipRuleId}', ({ params }) => {
      const rule = existing(store, params.SipRuleId ?? '');
      if (!rule.Disabled) throw conflict(`SIP rule ${rule.SipRuleId} must be disabled before it can be deleted.`);
      store.sipRules.delete(rule.SipRuleId);
      setAssociation(store, rule, false);
      store.save();
      return { status: 204 };
    }),
  ];
}

/** Exposed for the connectors module: whether a rule routes a connector's host name. */
export function ruleForHostname(store: VoiceStore, hostname: string): StoredSipRule | undefined {
  const wanted = hostname.toLowerCase();
  return [...store.sipRules.values()].find(
    (r) => r.TriggerType === 'RequestUriHostname' && r.TriggerValue.toLowerCase() === wanted,
  );
}

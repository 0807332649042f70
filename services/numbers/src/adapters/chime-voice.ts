import {
  type ChimeSDKVoiceClient,
  CreatePhoneNumberOrderCommand,
  CreateSipRuleCommand,
  DeletePhoneNumberCommand,
  DeleteSipRuleCommand,
  GetPhoneNumberOrderCommand,
  GetSipRuleCommand,
  ListSipRulesCommand,
  ListSupportedPhoneNumberCountriesCommand,
  type PhoneNumberOrder,
  SearchAvailablePhoneNumbersCommand,
  UpdateSipRuleCommand,
} from '@aws-sdk/client-chime-sdk-voice';
import { NumberNotAvailable } from '../domain/errors.ts';
import type { NumberType, OrderedNumberStatus, OrderStatus } from '../domain/model.ts';
import type { ChimeOrder, VoiceProvider } from '../domain/ports.ts';

const PRODUCT_TYPE = 'SipMediaApplicationDialIn';
/** A US local search needs a place: without an area code, one state's numbers. */
const DEFAULT_US_STATE = 'NY';

const typeOf = (chime: string | undefined): NumberType | undefined =>
  chime === 'Local' ? 'local' : chime === 'TollFree' ? 'toll-free' : undefined;

function orderStatus(status: string | undefined): OrderStatus {
  switch (status) {
    case 'PendingDocuments':
      return 'pending-documents';
    case 'Successful':
      return 'successful';
    case 'Failed':
    case 'Cancelled':
    case 'Exception':
      return 'failed';
    case 'Partial':
      return 'partial';
    default:
      return 'processing';
  }
}

function toOrder(order: PhoneNumberOrder | undefined): ChimeOrder {
  const status = orderStatus(order?.Status);
  return {
    orderId: order?.PhoneNumberOrderId ?? '',
    status,
    numbers: (order?.OrderedPhoneNumbers ?? []).map((n) => ({
      e164: n.E164PhoneNumber ?? '',
      status: (n.Status === 'Acquired'
        ? 'acquired'
        : n.Status === 'Failed'
          ? 'failed'
          : status === 'pending-documents'
            ? 'pending-documents'
            : 'processing') satisfies OrderedNumberStatus,
    })),
  };
}

const named = (err: unknown, name: string) => (err as { name?: string }).name === name;

/**
 * VoiceProvider on the real Chime SDK Voice client (on devstack pointed at its emulator by
 * AWS_ENDPOINT_URL_CHIME_SDK_VOICE only). SIP rules target calling's SIP media application, whose
 * id is the stage's configuration (`smaId`, read from SSM on first use).
 */
export function chimeVoiceProvider(
  client: ChimeSDKVoiceClient,
  options: { smaId: () => Promise<string>; region: string },
): VoiceProvider {
  return {
    async countries() {
      const out = await client.send(new ListSupportedPhoneNumberCountriesCommand({ ProductType: PRODUCT_TYPE }));
      return (out.PhoneNumberCountries ?? []).map((c) => ({
        country: c.CountryCode ?? '',
        types: (c.SupportedPhoneNumberTypes ?? []).map(typeOf).filter((t): t is NumberType => t !== undefined),
      }));
    },
    async search(country, type, areaCode) {
      const where =
        country !== 'US'
          ? { PhoneNumberType: type === 'local' ? ('Local' as const) : ('TollFree' as const) }
          : type === 'toll-free'
            ? { TollFreePrefix: '800' }
            : areaCode
              ? { AreaCode: areaCode }
              : { State: DEFAULT_US_STATE };
      const out = await client.send(
        new SearchAvailablePhoneNumbersCommand({ Country: country, MaxResults: 20, ...where }),
      );
      return out.E164PhoneNumbers ?? [];
    },
    async order(numbers) {
      try {
        const out = await client.send(
          new CreatePhoneNumberOrderCommand({ ProductType: PRODUCT_TYPE, E164PhoneNumbers: [...numbers] }),
        );
        return toOrder(out.PhoneNumberOrder);
      } catch (err) {
        if (named(err, 'BadRequestException'))
          throw new NumberNotAvailable(`Chime refused the order: ${(err as Error).message}`);
        throw err;
      }
    },
    async getOrder(orderId) {
      const out = await client.send(new GetPhoneNumberOrderCommand({ PhoneNumberOrderId: orderId }));
      return toOrder(out.PhoneNumberOrder);
    },
    async ensureRule({ name, trigger, value }) {
      const smaId = await options.smaId();
      try {
        const out = await client.send(
          new CreateSipRuleCommand({
            Name: name,
            TriggerType: trigger,
            TriggerValue: value,
            Disabled: false,
            TargetApplications: [{ SipMediaApplicationId: smaId, Priority: 1, AwsRegion: options.region }],
          }),
        );
        return out.SipRule?.SipRuleId ?? '';
      } catch (err) {
        if (!named(err, 'ConflictException')) throw err;
        // a rule for this trigger exists (a retried assignment, or the carrier host's shared rule)
        const found = await findRule(client, smaId, trigger, value);
        if (!found) throw err;
        return found;
      }
    },
    async removeRule(ruleId) {
      try {
        const { SipRule: rule } = await client.send(new GetSipRuleCommand({ SipRuleId: ruleId }));
        if (!rule) return;
        // Chime deletes only a disabled rule
        if (!rule.Disabled)
          await client.send(new UpdateSipRuleCommand({ SipRuleId: ruleId, Name: rule.Name ?? ruleId, Disabled: true }));
        await client.send(new DeleteSipRuleCommand({ SipRuleId: ruleId }));
      } catch (err) {
        if (!named(err, 'NotFoundException')) throw err;
      }
    },
    async deleteNumber(e164) {
      try {
        await client.send(new DeletePhoneNumberCommand({ PhoneNumberId: e164 }));
      } catch (err) {
        if (!named(err, 'NotFoundException')) throw err;
      }
    },
  };
}

async function findRule(
  client: ChimeSDKVoiceClient,
  smaId: string,
  trigger: string,
  value: string,
): Promise<string | undefined> {
  let NextToken: string | undefined;
  do {
    const out = await client.send(new ListSipRulesCommand({ SipMediaApplicationId: smaId, NextToken }));
    const rule = out.SipRules?.find(
      (r) => r.TriggerType === trigger && r.TriggerValue?.toLowerCase() === value.toLowerCase(),
    );
    if (rule?.SipRuleId) return rule.SipRuleId;
    NextToken = out.NextToken;
  } while (NextToken);
  return undefined;
}

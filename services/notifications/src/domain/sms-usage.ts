import { callingCode } from '@parley/domain/phone';
import { fromMicros, smsPriceFor, WHATSAPP_MESSAGE } from '@parley/domain/prices';
import type { SmsUsageData } from './ports.ts';

// GSM 03.38: the basic set is one septet, the extension table (escaped) two.
const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENDED = '^{}\\[~]|€\f';

/**
 * How many segments a text is billed as: GSM-7 text is one segment up to 160 septets, else 153 per
 * segment (the rest carries the concatenation header); anything outside GSM-7 goes as UCS-2, 70
 * UTF-16 units in one segment, else 67 per segment. Carriers bill each segment as one SMS.
 */
export function smsSegments(text: string): number {
  let septets = 0;
  for (const ch of text) {
    if (GSM_BASIC.includes(ch)) septets += 1;
    else if (GSM_EXTENDED.includes(ch)) septets += 2;
    else {
      const units = text.length;
      return units <= 70 ? 1 : Math.ceil(units / 67);
    }
  }
  return septets <= 160 ? 1 : Math.ceil(septets / 153);
}

/**
 * The ledger's line for one SMS sent to `mobileNumber`: its segments at the destination country's
 * price (`@parley/domain/prices`), charged to the user it was sent for. The usage id is derived from
 * the provider's message id, so the same SMS is always the same line.
 */
export function smsUsage(input: {
  userId: string;
  reason: SmsUsageData['reason'];
  text: string;
  mobileNumber: string;
  providerMessageId: string;
  at: string;
}): SmsUsageData {
  const { country, row } = smsPriceFor(callingCode(input.mobileNumber));
  const quantity = smsSegments(input.text);
  return {
    usageId: `sms-${input.providerMessageId.replace(/[^A-Za-z0-9_-]/g, '-')}`.slice(0, 64),
    userId: input.userId,
    feature: 'sms',
    quantity,
    unit: 'sms-segment',
    unitPrice: fromMicros(row.unitPriceMicros),
    currency: 'USD',
    at: input.at,
    amountMicros: quantity * row.unitPriceMicros,
    ...(country ? { country } : {}),
    direction: 'outbound',
    reason: input.reason,
    providerMessageId: input.providerMessageId,
  };
}

/**
 * The ledger's line for one WhatsApp message sent to `to` (a conversation reply, ADR 0029): one
 * `message` at the one WhatsApp price, charged to the user who wrote it; `country` is the destination's
 * when the SMS table knows its calling code. The usage id is derived from the provider's message id.
 */
export function whatsappUsage(input: {
  userId: string;
  to: string;
  providerMessageId: string;
  at: string;
}): SmsUsageData {
  const { country } = smsPriceFor(callingCode(input.to));
  return {
    usageId: `wa-${input.providerMessageId.replace(/[^A-Za-z0-9_-]/g, '-')}`.slice(0, 64),
    userId: input.userId,
    feature: 'whatsapp-message',
    quantity: 1,
    unit: 'message',
    unitPrice: fromMicros(WHATSAPP_MESSAGE.unitPriceMicros),
    currency: 'USD',
    at: input.at,
    amountMicros: WHATSAPP_MESSAGE.unitPriceMicros,
    ...(country ? { country } : {}),
    direction: 'outbound',
    reason: 'text-message',
    providerMessageId: input.providerMessageId,
  };
}

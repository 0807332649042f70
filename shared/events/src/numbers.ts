import * as z from 'zod';
import { defineEvent } from './define-event.ts';
import { E164, Id } from './ids.ts';

/**
 * Numbers events: a phone number's life from order to release, and its monthly charge. Calling
 * consumes NumberAssigned and NumberReleased to know which number rings whom; NumberAssigned and
 * NumberReleased name the (former) owner as `audience` so the web client hears of it in real time.
 */

// This module exports only event definitions: catalog.ts lists `Object.values` of it.
const Country = z.enum(['CH', 'PA', 'SG', 'US']);
const Carrier = z.enum(['chime', 'sip-trunk']);

export const NumberOrdered = defineEvent({
  source: 'parley.numbers',
  detailType: 'numbers.NumberOrdered',
  version: 1,
  description: 'An admin ordered phone numbers from Chime SDK Voice; the order completes later.',
  data: z.object({
    orderId: Id,
    numbers: z.array(E164).min(1),
    carrier: z.literal('chime'),
    orderedBy: Id,
    orderedAt: z.iso.datetime(),
  }),
});

export const NumberProvisioned = defineEvent({
  source: 'parley.numbers',
  detailType: 'numbers.NumberProvisioned',
  version: 1,
  description:
    'A phone number is in the inventory and can be assigned (an order completed, or a carrier number imported).',
  data: z.object({
    e164: E164,
    country: Country,
    carrier: Carrier,
    orderId: Id.optional(),
    provisionedAt: z.iso.datetime(),
  }),
});

export const NumberAssigned = defineEvent({
  source: 'parley.numbers',
  detailType: 'numbers.NumberAssigned',
  version: 1,
  description: 'A phone number now rings a user (its SIP rule routes it to calling). Audience: that user.',
  data: z.object({ e164: E164, userId: Id, country: Country, carrier: Carrier }),
});

export const NumberReleased = defineEvent({
  source: 'parley.numbers',
  detailType: 'numbers.NumberReleased',
  version: 1,
  description:
    'A phone number no longer rings anyone: unassigned, or released from the inventory. Audience: the former owner.',
  data: z.object({ e164: E164, userId: Id.optional() }),
});

export const UsageRecorded = defineEvent({
  source: 'parley.numbers',
  detailType: 'numbers.UsageRecorded',
  version: 1,
  description: 'One month of an assigned phone number, to be charged (recorded once per number and month).',
  data: z.object({
    usageId: Id,
    feature: z.literal('number-month'),
    e164: E164,
    userId: Id,
    quantity: z.literal(1),
    unit: z.literal('number-month'),
    unitPrice: z.number().nonnegative(),
    currency: z.string().length(3),
    period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
    at: z.iso.datetime(),
  }),
});

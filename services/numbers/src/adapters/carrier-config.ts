import * as z from 'zod';
import { type CarrierConfig, COUNTRIES, countryOf, E164_PATTERN } from '../domain/model.ts';
import type { CarrierSource } from '../domain/ports.ts';

const Country = z.enum(COUNTRIES);
const E164 = z.string().regex(E164_PATTERN, 'must be an E.164 phone number');

/**
 * The stage's carrier configuration, the JSON of the SSM parameter `/parley/<stage>/numbers/carriers`
 * (written by devstack, or by whoever sets up the stage): the SIP-trunk carriers (their name, the
 * Voice Connector that carries their numbers, their numbers per country), the countries whose Chime
 * orders wait for documents, and the monthly price of a number per country and carrier.
 */
export const CarrierConfigSchema = z
  .strictObject({
    chime: z.strictObject({ documentsRequired: z.array(Country).default([]) }).default({ documentsRequired: [] }),
    carriers: z
      .array(
        z.strictObject({
          name: z.string().min(1).max(80),
          voiceConnectorId: z.string().regex(/^[a-z0-9]{1,64}$/),
          outboundHost: z.string().regex(/^[a-z0-9.-]+\.voiceconnector\.chime\.aws$/),
          numbers: z.partialRecord(Country, z.array(E164)),
        }),
      )
      .default([]),
    prices: z
      .array(
        z.strictObject({
          country: Country,
          carrier: z.enum(['chime', 'sip-trunk']),
          monthly: z.number().nonnegative(),
          currency: z.string().regex(/^[A-Z]{3}$/),
        }),
      )
      .default([]),
  })
  .superRefine((config, ctx) => {
    for (const [i, carrier] of config.carriers.entries()) {
      for (const [country, numbers] of Object.entries(carrier.numbers)) {
        for (const e164 of numbers ?? []) {
          if (countryOf(e164) !== country)
            ctx.addIssue({
              code: 'custom',
              path: ['carriers', i, 'numbers', country],
              message: `${e164} is not a ${country} number`,
            });
        }
      }
    }
  });

/** Parses the parameter's JSON; a broken configuration fails with every problem named. */
export function parseCarrierConfig(json: string): CarrierConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new Error('the carrier configuration is not JSON');
  }
  const result = CarrierConfigSchema.safeParse(raw);
  if (!result.success) {
    throw new Error(
      `the carrier configuration is invalid: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  const { chime, carriers, prices } = result.data;
  return { chimeDocumentsRequired: chime.documentsRequired, carriers, prices };
}

/** CarrierSource on an SSM parameter holding the JSON above. */
export function ssmCarrierSource(read: () => Promise<string>): CarrierSource {
  return { config: async () => parseCarrierConfig(await read()) };
}

import * as z from 'zod';

const E164 = z.string().regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 phone number (+ and up to 15 digits)');

/** A number in a path arrives URL-encoded (`%2B41…`); decoding an already decoded one changes nothing. */
export const NumberPath = z.strictObject({
  e164: z
    .string()
    .transform((s, ctx) => {
      try {
        return decodeURIComponent(s);
      } catch {
        ctx.addIssue({ code: 'custom', message: 'is not URL-encoded correctly' });
        return z.NEVER;
      }
    })
    .pipe(E164),
});

export const OrderPath = z.strictObject({ orderId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });

export const AvailableQuery = z.strictObject({
  country: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO country code such as PA'),
  type: z.enum(['local', 'toll-free']).default('local'),
  /** US local numbers: the area code to search in (otherwise one state's numbers) */
  areaCode: z
    .string()
    .regex(/^[2-9]\d{2}$/)
    .optional(),
});

export const OrderBody = z.strictObject({ numbers: z.array(E164).min(1).max(50) });
export const ImportBody = z.strictObject({ e164: E164, carrier: z.literal('sip-trunk') });
export const AssignmentBody = z.strictObject({ userId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });

import { E164, Id } from '@parley/events/ids';
import { nameText } from '@parley/events/text';
import { queryInt } from '@parley/lambda/http';
import * as z from 'zod';
import { LIMITS } from '../../domain/model.ts';

/** Request schemas: strict objects, so unknown fields are refused with 400 before any use case runs. */

const Media = z.enum(['audio', 'video']);

export const CallPath = z.strictObject({ callId: Id });

/** A person (`{userId}`) or a phone (`{phoneNumber}`, E.164). */
export const StartCallBody = z.strictObject({
  to: z.union([z.strictObject({ userId: Id }), z.strictObject({ phoneNumber: E164 })]),
  media: Media,
});

export const DtmfBody = z.strictObject({
  digits: z.string().regex(/^[0-9*#]{1,32}$/, 'must be 1 to 32 of 0-9, * and #'),
});

export const VoicemailPath = z.strictObject({ voicemailId: Id });

export const ListVoicemailsQuery = z.strictObject({
  before: z.string().min(1).max(512).optional(),
  limit: queryInt({ min: 1, max: LIMITS.maxPageSize }).default(20),
});

/** The body is optional: an empty answer keeps the call's media. */
export const AnswerCallBody = z.strictObject({ media: Media.optional() }).optional();

export const ListCallsQuery = z.strictObject({
  before: z.string().min(1).max(512).optional(),
  limit: queryInt({ min: 1, max: LIMITS.maxPageSize }).default(20),
});

export const SettingsBody = z.strictObject({
  ringTimeoutSeconds: z.number().int().min(LIMITS.minRingTimeoutSeconds).max(LIMITS.maxRingTimeoutSeconds),
  voicemailEnabled: z.boolean(),
  forwardToNumber: E164.optional(),
  // spoken to callers: no control or BiDi override characters, something to say (`@parley/events/text`)
  greeting: nameText(LIMITS.maxGreetingLength).optional(),
});

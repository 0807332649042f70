import * as z from 'zod';

/** Opaque identifiers: printable, URL-safe, bounded. */
export const Id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be an id (letters, digits, _ or -, at most 64)');
/** E.164 phone number, e.g. +41445550101 */
export const E164 = z.string().regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 phone number');
/**
 * Someone outside Parley in a text conversation (kind `sms` / `whatsapp`): the channel and their
 * E.164 number, e.g. `tel:+41791234567`, `wa:+41791234567`. Never a user id (`:` and `+` are not in `Id`).
 */
export const PartyId = z.string().regex(/^(tel|wa):\+[1-9]\d{6,14}$/, 'must be a party id (tel:+… or wa:+…)');
/** Who wrote a message: a user id, or the outside party of a text conversation. */
export const SenderId = z.union([Id, PartyId]);

import * as z from 'zod';

/** Opaque identifiers: printable, URL-safe, bounded. */
export const Id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be an id (letters, digits, _ or -, at most 64)');
/** E.164 phone number, e.g. +41445550101 */
export const E164 = z.string().regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 phone number');

import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Twilio's request signature: base64(HMAC-SHA1(authToken, url + every POST parameter sorted by name,
 * name then value, no separators)). `url` is the exact URL Twilio called, query string included.
 * Repeated names are sorted by value too.
 */
export function twilioSignature(authToken: string, url: string, params: Iterable<[string, string]>): string {
  const sorted = [...params].sort(([ka, va], [kb, vb]) =>
    ka < kb ? -1 : ka > kb ? 1 : va < vb ? -1 : va > vb ? 1 : 0,
  );
  let data = url;
  for (const [key, value] of sorted) data += key + value;
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

/** Whether `signature` (the X-Twilio-Signature header) is the one for this URL and form, compared in constant time. */
export function twilioSignatureValid(
  authToken: string,
  url: string,
  params: Iterable<[string, string]>,
  signature: string | undefined,
): boolean {
  if (!signature) return false;
  const expected = Buffer.from(twilioSignature(authToken, url, params));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

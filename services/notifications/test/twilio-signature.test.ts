import { describe, expect, it } from 'vitest';
import { twilioSignature, twilioSignatureValid } from '../src/adapters/twilio-signature.ts';

// Twilio's published example (its security docs and every helper library's request-validator test).
const AUTH_TOKEN = '12345';
const URL = 'https://mycompany.com/myapp.php?foo=1&bar=2';
const PARAMS: [string, string][] = [
  ['CallSid', 'CA1234567890ABCDE'],
  ['Caller', '+14158675309'],
  ['Digits', '1234'],
  ['From', '+14158675309'],
  ['To', '+18005551212'],
];
const DOCUMENTED = 'RSOYDt4T1cUTdK1PDd93/VVr8B8=';

describe('X-Twilio-Signature', () => {
  it("given Twilio's documented example, when signed, then the signature is the documented one, whatever the parameters' order", () => {
    expect(twilioSignature(AUTH_TOKEN, URL, PARAMS)).toBe(DOCUMENTED);
    expect(twilioSignatureValid(AUTH_TOKEN, URL, [...PARAMS].reverse(), DOCUMENTED)).toBe(true);
  });

  it('given the documented signature, when a parameter, the URL or the token differs, then it is refused', () => {
    const tampered = PARAMS.map(([k, v]): [string, string] => [k, k === 'Digits' ? '9999' : v]);
    expect(twilioSignatureValid(AUTH_TOKEN, URL, tampered, DOCUMENTED)).toBe(false);
    expect(twilioSignatureValid(AUTH_TOKEN, URL, [...PARAMS, ['Extra', '1']], DOCUMENTED)).toBe(false);
    expect(twilioSignatureValid(AUTH_TOKEN, `${URL}&baz=3`, PARAMS, DOCUMENTED)).toBe(false);
    expect(twilioSignatureValid(AUTH_TOKEN, 'http://mycompany.com/myapp.php?foo=1&bar=2', PARAMS, DOCUMENTED)).toBe(
      false,
    );
    expect(twilioSignatureValid('54321', URL, PARAMS, DOCUMENTED)).toBe(false);
  });

  it('given no signature or a truncated one, when checked, then it is refused', () => {
    expect(twilioSignatureValid(AUTH_TOKEN, URL, PARAMS, undefined)).toBe(false);
    expect(twilioSignatureValid(AUTH_TOKEN, URL, PARAMS, '')).toBe(false);
    expect(twilioSignatureValid(AUTH_TOKEN, URL, PARAMS, DOCUMENTED.slice(0, 10))).toBe(false);
  });
});

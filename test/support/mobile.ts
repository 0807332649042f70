/** One SMS in devstack's SNS outbox (GET /_dev/sms). */
export interface OutboxSms {
  phoneNumber: string;
  message: string;
  /** where the emulated carrier has it: queued, sent, delivered, failed */
  status?: string;
  from?: string;
  /** End User Messaging SMS: the configuration set it was sent with */
  configurationSet?: string;
}

/** The SMS devstack's SNS emulator has "sent" to `phoneNumber`, oldest first. */
export async function smsTo(baseUrl: string, phoneNumber: string): Promise<OutboxSms[]> {
  const res = await fetch(`${baseUrl.replace(/\/$/, '')}/_dev/sms`);
  return ((await res.json()) as { items: OutboxSms[] }).items.filter((i) => i.phoneNumber === phoneNumber);
}

const CODE = /verification code is (\d{6})/;

/** Waits for the next verification code texted to `phoneNumber` (after `seen` earlier ones). */
export async function waitForCode(baseUrl: string, phoneNumber: string, seen = 0, timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const codes = (await smsTo(baseUrl, phoneNumber)).flatMap((s) => CODE.exec(s.message)?.[1] ?? []);
    const code = codes[seen];
    if (code) return code;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`no verification code reached ${phoneNumber} within ${timeoutMs} ms`);
}

/**
 * Makes `phoneNumber` the verified mobile number of the user holding `accessToken`, the way a person
 * does: asks identity for a code, reads it from devstack's SMS outbox, confirms it.
 */
export async function verifyMobileNumber(baseUrl: string, accessToken: string, phoneNumber: string): Promise<void> {
  const api = `${baseUrl.replace(/\/$/, '')}/api/identity/me/mobile/verification`;
  const headers = { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' };
  const seen = (await smsTo(baseUrl, phoneNumber)).filter((s) => CODE.test(s.message)).length;
  const asked = await fetch(api, { method: 'POST', headers, body: JSON.stringify({ mobileNumber: phoneNumber }) });
  if (asked.status !== 202) throw new Error(`verification request answered ${asked.status}: ${await asked.text()}`);
  const code = await waitForCode(baseUrl, phoneNumber, seen);
  const confirmed = await fetch(`${api}/confirm`, { method: 'POST', headers, body: JSON.stringify({ code }) });
  if (confirmed.status !== 200) throw new Error(`confirm answered ${confirmed.status}: ${await confirmed.text()}`);
}

// biome-ignore-all lint/suspicious/noExplicitAny: the virtual phone's answers are read field by field
/** Helpers of the phone e2e: the API and the virtual phone (`/_dev/pstn`) of the devstack under test. */
import type { Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import { assignNumber } from '../../../test/support/numbers.ts';
import { SLOW } from './support.ts';

const devstack = inject('devstack');
const { url } = devstack;
const poll = { timeout: SLOW, interval: 500 };

export async function json(method: string, path: string, body?: unknown, token?: string): Promise<any> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      origin: url,
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/** The virtual phone: its calls, and what its person does on them. */
export const phone = {
  calls: async (): Promise<any[]> => (await json('GET', '/_dev/pstn/calls')).body.items,
  get: async (id: string): Promise<any> => (await json('GET', `/_dev/pstn/calls/${id}`)).body,
  dial: async (from: string, to: string): Promise<any> => (await json('POST', '/_dev/pstn/calls', { from, to })).body,
  act: (id: string, verb: 'answer' | 'hangup' | 'digits', body?: object) =>
    json('POST', `/_dev/pstn/calls/${id}/${verb}`, body ?? {}),
};
export const actionTypes = (call: any): string[] => (call?.actions ?? []).map((a: any) => a.type);

/** A caller's number no other run uses: a Singapore mobile. */
export const callerNumber = () => `+659${String(Date.now()).slice(-7)}`;

/** A number from the emulated carrier's pool (Panama, else Singapore) given to `userId` by an admin. */
export const giveNumber = (userId: string): Promise<{ e164: string; country: string }> =>
  assignNumber(devstack, userId, ['PA', 'SG']);

/** Dials `to` from the virtual phone until the browser rings (calling learns whose number it is from the bus). */
export async function ringBrowser(page: Page, from: string, to: string): Promise<string> {
  let phoneCallId = '';
  await expect
    .poll(async () => {
      phoneCallId = (await phone.dial(from, to)).id;
      const rang = await page
        .getByTestId('ringing-panel')
        .waitFor({ timeout: 6_000 })
        .then(() => true)
        .catch(() => false);
      if (!rang) await phone.act(phoneCallId, 'hangup');
      return rang;
    }, poll)
    .toBe(true);
  return phoneCallId;
}

import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildWebIfStale } from '../build-if-stale.ts';
import { giveNumber, json } from './phone-support.ts';
import { axeViolations, launch, newPage, person, SLOW, screenshot, signUp } from './support.ts';

/**
 * A person at devstack's virtual phone (`/_dev/phone`) texts a person in the web client from the
 * page's Texts pane (issue 17, ADR 0028): the text opens an SMS conversation in her open web client,
 * her reply shows in the pane from her Parley number, and after the phone texts STOP her next reply is
 * refused ("Not delivered: the number opted out") and never reaches the phone. Also the pane's empty
 * state and its refusal of a number that is not E.164.
 */
const { url } = inject('devstack');
const poll = { timeout: SLOW, interval: 500 };

/** A Swiss mobile no other run uses (texting.e2e uses +4179…). */
const phoneNumber = () => `+4178${String(Date.now()).slice(-7)}`;
const shown = (e164: string) => parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;

// biome-ignore lint/suspicious/noExplicitAny: the outbox's items are read field by field
const outboxTo = async (to: string): Promise<any[]> =>
  // biome-ignore lint/suspicious/noExplicitAny: as above
  (await json('GET', '/_dev/sms')).body.items.filter((t: any) => t.to === to);

/** Text in the Texts pane's thread too faint to read (axe's color-contrast rule, WCAG AA): its targets. */
async function faintInThread(page: Page): Promise<string[]> {
  await axeViolations(page); // loads axe-core into the page
  return page.evaluate(async () => {
    const { axe } = window as unknown as {
      axe: { run: (ctx: string, o: unknown) => Promise<{ violations: { nodes: { target: unknown[] }[] }[] }> };
    };
    const result = await axe.run('#thread', { runOnly: { type: 'rule', values: ['color-contrast'] } });
    return result.violations.flatMap((v) => v.nodes.map((n) => JSON.stringify(n.target)));
  });
}

describe('texting between the virtual phone’s Texts pane and the web client', () => {
  let browser: Browser;
  const eva = person('Eva');
  let a: Page;
  let p: Page;

  beforeAll(async () => {
    await buildWebIfStale();
    browser = await launch();
    a = (await newPage(browser, url)).page;
    p = (await newPage(browser, url)).page;
    await signUp(a, eva);
    await p.goto('/_dev/phone');
    await p.getByText('· live').waitFor();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('the phone texts Eva’s number, she replies, the phone reads it; after STOP her reply is refused', {
    timeout: 300_000,
  }, async () => {
    // Given Eva has a Parley number and her web client open (marked, to show later it never reloaded)
    const me = await json('POST', '/api/identity/auth/login', { email: eva.email, password: eva.password });
    const { e164: parleyNumber } = await giveNumber(me.body.user.id);
    await a.evaluate(() => {
      (window as unknown as { __sameLoad: boolean }).__sameLoad = true;
    });
    // (messaging learns whose number it is from the bus: once it has, texting her own number is refused
    // as such, 422, rather than 403 "no Parley number"; nothing is created)
    const token = me.body.tokens.accessToken;
    const own = { kind: 'sms', phoneNumber: parleyNumber };
    await expect
      .poll(async () => (await json('POST', '/api/messaging/conversations', own, token)).status, poll)
      .toBe(422);

    // And the person at the virtual phone puts in their own number: the pane's thread is empty
    const from = phoneNumber();
    const pane = p.getByRole('region', { name: 'Text Parley' });
    const thread = p.getByRole('region', { name: `Texts with ${from}` });
    const bubbles = thread.locator('.bubble');
    const theirs = thread.locator('.bubble:not(.mine)');
    await pane.getByLabel('From (your phone)').fill(from);
    await thread.getByText(`No texts yet. Send one, or have Parley text ${from}.`).waitFor();
    expect(await bubbles.count()).toBe(0);
    // the pane offers the carrier's numbers, Eva's among them
    expect(await p.locator(`#parley-numbers option[value="${parleyNumber}"]`).count()).toBe(1);

    // A number no carrier would bring to Parley is flagged under To as it is typed; hers is not
    const to = pane.getByLabel('To (a Parley number)');
    const hint = p.locator('#text-to-hint');
    await to.fill('+41215559999');
    await hint
      .getByText('+41215559999 is no number of Parley’s: a carrier would not deliver this text to Parley.')
      .waitFor();
    await to.fill(parleyNumber);
    await expect.poll(() => hint.textContent(), poll).toBe('');

    // When they type her number without the leading + and press Send, the pane refuses it
    const message = pane.getByLabel('Message');
    const send = pane.getByRole('button', { name: 'Send' });
    const alert = pane.getByRole('alert');
    await to.fill(parleyNumber.slice(1));
    await message.fill('Hola, ¿tienen mesa para dos esta noche?');
    await send.click();
    await alert.getByText('Not sent: to must be an E.164 number (+…).').waitFor();
    expect(await message.inputValue()).toBe('Hola, ¿tienen mesa para dos esta noche?');
    expect(await bubbles.count()).toBe(0);

    // When they correct the number and send
    await to.fill(parleyNumber);
    await pane.getByLabel('As').selectOption('sms');
    await send.click();

    // Then the text leaves the pane (the box empties) and Eva's list shows the new chat, live
    await expect.poll(() => message.inputValue(), poll).toBe('');
    const row = a.getByTestId('conversation-row').filter({ hasText: 'Hola, ¿tienen mesa para dos esta noche?' });
    await row.waitFor();
    expect(await alert.textContent()).toBe('');

    // Then the pane shows the text as sent to her number and received by Parley
    const hello = bubbles.filter({ hasText: 'Hola, ¿tienen mesa para dos esta noche?' });
    await expect.poll(() => hello.count(), poll).toBe(1);
    expect(await hello.getAttribute('class')).toBe('bubble mine');
    expect(await hello.locator('.meta').textContent()).toMatch(
      new RegExp(`^to \\${parleyNumber} · SMS · .+ · received$`),
    );

    // And Eva's list shows, without a reload, an SMS chat named by the phone's number
    await expect.poll(() => row.getByTestId('text-channel-badge').textContent(), poll).toBe('SMS');
    expect(await row.textContent()).toContain(shown(from));
    await row.click();
    const chat = a.getByRole('region', { name: shown(from) });
    await chat.getByTestId('message').filter({ hasText: 'Hola, ¿tienen mesa para dos esta noche?' }).first().waitFor();

    // When she replies in the web client
    await a.getByTestId('composer').fill('Sí, a las 20h. ¿A nombre de quién?');
    await a.getByTestId('composer').press('Enter');

    // Then the pane shows her reply, live, from her Parley number, delivered
    const reply = theirs.filter({ hasText: 'Sí, a las 20h. ¿A nombre de quién?' });
    await expect.poll(() => reply.count(), poll).toBe(1);
    await expect
      .poll(() => reply.locator('.meta').textContent(), poll)
      .toMatch(new RegExp(`^from \\${parleyNumber} · SMS · .+ · delivered$`));
    // and her web client ticks it delivered
    const sent = chat.getByTestId('message').filter({ hasText: 'Sí, a las 20h. ¿A nombre de quién?' });
    await expect.poll(() => sent.getByTestId('tick-delivered').count(), poll).toBe(1);

    // When the phone texts STOP from the pane, Eva sees it arrive
    await message.fill('STOP');
    await send.click();
    await chat
      .getByTestId('message-text')
      .filter({ hasText: /^STOP$/ })
      .first()
      .waitFor();
    await expect.poll(() => bubbles.filter({ hasText: 'STOP' }).count(), poll).toBe(1);
    await thread.scrollIntoViewIfNeeded();
    await screenshot(p, 'virtual-phone-texts-desktop');
    // every status in the thread can be read (the phone's "received" on its blue bubbles too)
    expect(await faintInThread(p)).toEqual([]);
    const before = await outboxTo(from);
    const shownBefore = await theirs.count();
    expect(shownBefore).toBe(1);

    // And she replies again
    await a.getByTestId('composer').fill('¿Sigue ahí?');
    await a.getByTestId('composer').press('Enter');

    // Then her web client says it was not delivered, because the number opted out
    const refused = chat.getByTestId('message').filter({ hasText: '¿Sigue ahí?' });
    await expect
      .poll(() => refused.getByTestId('delivery-failed').textContent(), poll)
      .toBe('Not delivered: the number opted out');
    expect(await refused.getByTestId('tick-delivered').count()).toBe(0);

    // And nothing new reached the phone: not in the outbox, not in the pane after its next refresh
    expect(await outboxTo(from)).toEqual(before);
    // (the pane polls every 2 s: by the second answer after the refusal, the first has been rendered)
    for (let i = 0; i < 2; i += 1) await p.waitForResponse((res) => new URL(res.url()).pathname === '/_dev/sms');
    await bubbles.filter({ hasText: 'STOP' }).waitFor();
    expect(await theirs.count()).toBe(shownBefore);
    expect(await bubbles.filter({ hasText: '¿Sigue ahí?' }).count()).toBe(0);

    // And none of this needed a reload of the web client
    expect(await a.evaluate(() => (window as unknown as { __sameLoad?: boolean }).__sameLoad)).toBe(true);
  });
});

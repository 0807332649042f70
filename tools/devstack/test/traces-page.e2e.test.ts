/**
 * The Traces page (`/_dev/traces`) in Chromium against the integration project's devstack: a real
 * request's trace found by its correlation id and opened as a waterfall; a failed segment in red
 * (sent to the collector over the X-Ray daemon's UDP protocol, as a service's tracer sends one);
 * the empty and the unknown-trace states.
 */
import { randomUUID } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { chromiumLaunchOptions } from '@parley/testing/chromium';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DATAGRAM_HEADER } from '../src/traces/protocol.ts';
import { newSegmentId, newTraceId } from '../src/traces/store.ts';

const info = inject('devstack');

/** One segment document to the collector, as the X-Ray SDK sends it to its daemon. */
async function sendSegment(doc: Record<string, unknown>): Promise<void> {
  const port = (info.ports as Record<string, number>).xray;
  expect(port).toBeGreaterThan(0);
  const socket = createSocket('udp4');
  await new Promise<void>((resolve, reject) =>
    socket.send(`${DATAGRAM_HEADER}\n${JSON.stringify(doc)}`, port, '127.0.0.1', (err) =>
      err ? reject(err) : resolve(),
    ),
  );
  socket.close();
}

describe('the /_dev/traces console page, in Chromium', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await chromium.launch(chromiumLaunchOptions());
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('given a request with a correlation id, when searched by it, then its trace is listed and opens as a waterfall of its invocation, its handler and DynamoDB', async () => {
    const correlationId = `e2e-${randomUUID()}`;
    // a route that reads DynamoDB without a token is refused by the authorizer: sign up instead, which reads and writes
    const email = `traces-${randomUUID()}@parley.test`;
    const res = await fetch(`${info.url}/api/identity/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-correlation-id': correlationId },
      body: JSON.stringify({ email, password: 'correct horse battery staple', displayName: 'Tracy Page' }),
    });
    expect(res.status).toBe(201);
    // segments arrive one by one over UDP: wait until the handler's and DynamoDB's are in
    await expect
      .poll(
        async () => {
          const found = await fetch(
            `${info.url}/_dev/traces?annotation=${encodeURIComponent(`correlationId:${correlationId}`)}`,
          );
          const names = ((await found.json()) as { items: { segments: { name: string }[] }[] }).items.flatMap((t) =>
            t.segments.map((seg) => seg.name),
          );
          return names.some((n) => n === 'DynamoDB') && names.some((n) => n.startsWith('## '));
        },
        { timeout: 20_000, interval: 250 },
      )
      .toBe(true);

    const page = await browser.newPage({ baseURL: info.url });
    page.setDefaultTimeout(20_000);
    await page.goto('/_dev/traces');
    await page.locator('#q').fill(`correlationId:${correlationId}`);
    await page.getByRole('button', { name: 'Search' }).click();
    // the page refreshes every 4 s; the trace is there once the invocation's segments have arrived
    const row = page.locator('#list tr.pick', { has: page.locator('.chip', { hasText: 'identity' }) });
    await row.first().waitFor();
    expect(page.url()).toContain(`annotation=${encodeURIComponent(`correlationId:${correlationId}`)}`);
    await expect.poll(() => page.locator('#list tr.pick').count()).toBe(1);

    await row.first().click();
    expect(page.url()).toMatch(/\/_dev\/traces\/1-[0-9a-f]{8}-[0-9a-f]{24}\?annotation=/);
    const detail = page.locator('#detail');
    await detail.locator('.title').waitFor();
    expect(await detail.locator('.title').textContent()).toMatch(
      // identity's invocation first; UserRegistered's consumers continue the trace across the bus
      /^Trace 1-[0-9a-f-]+ · \d+ ms · identity( → [a-z]+)*$/,
    );
    const labels = await detail.locator('.row .label').allTextContents();
    expect(labels.some((l) => l.includes('parley-identity-local-register'))).toBe(true);
    expect(labels.some((l) => l.includes('## '))).toBe(true);
    expect(labels.some((l) => l.includes('DynamoDB'))).toBe(true);
    // nothing failed: no red bar
    expect(await detail.locator('.bar.err').count()).toBe(0);

    // a row opens its details: ids and annotations
    const handler = detail.locator('.row', { hasText: '## ' }).first();
    await handler.click();
    const details = detail.locator('.info:visible');
    await details.first().waitFor();
    expect(await details.first().textContent()).toContain(correlationId);
    await page.close();
  });

  it('given a trace with a failed subsegment, then its list row counts the failure and the waterfall shows it in red', async () => {
    const traceId = newTraceId();
    const root = newSegmentId();
    const failed = newSegmentId();
    const marker = `e2e-${randomUUID()}`;
    const now = Date.now() / 1000;
    await sendSegment({
      trace_id: traceId,
      id: root,
      name: 'parley-messaging-local-sendMessage',
      origin: 'AWS::Lambda::Function',
      start_time: now - 0.3,
      end_time: now,
      annotations: { correlationId: marker },
      subsegments: [
        {
          id: failed,
          name: 'DynamoDB',
          namespace: 'aws',
          start_time: now - 0.2,
          end_time: now - 0.1,
          fault: true,
          cause: { exceptions: [{ message: 'Throughput exceeds the current capacity of your table' }] },
        },
      ],
    });

    const page = await browser.newPage({ baseURL: info.url });
    page.setDefaultTimeout(20_000);
    await page.goto(`/_dev/traces?annotation=${encodeURIComponent(`correlationId:${marker}`)}`);
    const row = page.locator('#list tr.pick');
    await row.first().waitFor();
    expect(await row.first().locator('td.bad').textContent()).toBe('2 (1 failed)');
    await row.first().click();
    const bad = page.locator('#detail .bar.err');
    await bad.first().waitFor();
    expect(await bad.count()).toBe(1);
    expect(await page.locator('#detail .label .bad').textContent()).toBe('DynamoDB');
    expect(page.url()).toContain(`/_dev/traces/${traceId}`);
    await page.locator('#detail .row', { hasText: 'DynamoDB' }).click();
    expect(await page.locator('#detail .info:visible').textContent()).toContain(
      'Throughput exceeds the current capacity of your table',
    );
    await page.close();
  });

  it('given a search nothing matches, or a trace id the devstack does not hold, then the page says so', async () => {
    const page = await browser.newPage({ baseURL: info.url });
    page.setDefaultTimeout(20_000);
    await page.goto('/_dev/traces?annotation=messageId:m_nothing_has_this');
    await page.getByText('No trace has messageId:m_nothing_has_this.').waitFor();

    const unknown = newTraceId();
    await page.goto(`/_dev/traces/${unknown}`);
    await page.getByText(`Trace ${unknown} is not (or no longer) on this devstack.`).waitFor();
    await page.close();
  });
});

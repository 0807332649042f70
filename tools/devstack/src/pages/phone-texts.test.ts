/**
 * The virtual phone page's Texts pane, its script run in a sandbox: Send posts the text to
 * `/_dev/sms/inbound` as this phone, and the thread is this phone's texts both ways with their status.
 */
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { phonePage } from './phone.ts';

interface FakeElement {
  id: string;
  value: string;
  textContent: string;
  className: string;
  children: FakeElement[];
  listeners: Record<string, (e?: unknown) => unknown>;
  [key: string]: unknown;
}

function fakeElement(id = ''): FakeElement {
  const e: FakeElement = {
    id,
    value: '',
    textContent: '',
    className: '',
    children: [],
    listeners: {},
    dataset: {},
    style: {},
    get childElementCount() {
      return e.children.length;
    },
    append: (...kids: FakeElement[]) => e.children.push(...kids),
    replaceChildren: () => {
      e.children = [];
    },
    addEventListener: (type: string, fn: (e?: unknown) => unknown) => {
      e.listeners[type] = fn;
    },
    setAttribute() {},
  };
  return e;
}

const text = (e: FakeElement): string => e.textContent + e.children.map(text).join('');

function boot(answers: Record<string, unknown>) {
  const script = phonePage().split('<script>')[1]?.split('</script>')[0] ?? '';
  const elements = new Map<string, FakeElement>();
  const byId = (id: string) => {
    if (!elements.has(id)) elements.set(id, fakeElement(id));
    return elements.get(id) as FakeElement;
  };
  const requests: { url: string; method: string; body?: unknown }[] = [];
  const sandbox: Record<string, unknown> = {
    document: { getElementById: byId, createElement: () => fakeElement() },
    fetch: async (url: string, init?: { method?: string; body?: string }) => {
      requests.push({ url, method: init?.method ?? 'GET', body: init?.body ? JSON.parse(init.body) : undefined });
      const body = answers[`${init?.method ?? 'GET'} ${url}`] ?? { items: [] };
      return { status: 200, ok: true, statusText: 'OK', json: async () => body };
    },
    EventSource: class {},
    setInterval: () => 0,
  };
  runInNewContext(script, sandbox);
  return { sandbox, byId, requests };
}

describe('the virtual phone’s Texts pane', () => {
  it('when Send is pressed, then the text goes to /_dev/sms/inbound from this phone to the chosen Parley number', async () => {
    const { sandbox, byId, requests } = boot({ 'POST /_dev/sms/inbound': { id: 'SM1', status: 200 } });
    byId('text-from').value = '+41441234567';
    byId('text-to').value = '+15005550006';
    byId('text-body').value = 'Hola, ¿quién es?';
    byId('text-channel').value = 'whatsapp';

    await (sandbox.sendText as () => Promise<void>)();

    expect(requests.find((r) => r.method === 'POST')).toEqual({
      url: '/_dev/sms/inbound',
      method: 'POST',
      body: { from: '+41441234567', to: '+15005550006', body: 'Hola, ¿quién es?', channel: 'whatsapp' },
    });
    expect(byId('text-body').value).toBe('');
    expect(byId('text-alert').textContent).toBe('');
  });

  it('when Parley answers the webhook with an error status, then the pane says so', async () => {
    const { sandbox, byId } = boot({ 'POST /_dev/sms/inbound': { id: 'SM1', status: 403 } });
    byId('text-from').value = '+41441234567';
    byId('text-to').value = '+15005550006';
    byId('text-body').value = 'hi';

    await (sandbox.sendText as () => Promise<void>)();

    expect(byId('text-alert').textContent).toBe('Parley answered HTTP 403 to this text.');
  });

  it('given the numbers Parley can be texted at, when To is another number, then the pane warns under it; a Parley number clears it', async () => {
    const { sandbox, byId } = boot({
      'GET /_dev/sms/numbers': {
        items: [
          { e164: '+15005550006', use: 'organisation' },
          { e164: '+41215550001', use: 'person' },
        ],
      },
    });
    await (sandbox.loadParleyNumbers as () => Promise<void>)();
    expect(byId('parley-numbers').children.map((o) => o.value)).toEqual(['+15005550006', '+41215550001']);

    byId('text-to').value = '+41215559999';
    (sandbox.toHint as () => void)();
    expect(byId('text-to-hint').textContent).toBe(
      '+41215559999 is no number of Parley’s: a carrier would not deliver this text to Parley.',
    );
    // half typed is no warning yet; a Parley number is none
    byId('text-to').value = '+41';
    (sandbox.toHint as () => void)();
    expect(byId('text-to-hint').textContent).toBe('');
    byId('text-to').value = '+41215550001';
    (sandbox.toHint as () => void)();
    expect(byId('text-to-hint').textContent).toBe('');
  });

  it('when devstack says the text went to no Parley number, then the pane says it reaches no one', async () => {
    const { sandbox, byId } = boot({ 'POST /_dev/sms/inbound': { id: 'SM1', status: 200, parleyNumber: false } });
    byId('text-from').value = '+41441234567';
    byId('text-to').value = '+41215559999';
    byId('text-body').value = 'hi';

    await (sandbox.sendText as () => Promise<void>)();

    expect(byId('text-alert').textContent).toBe(
      '+41215559999 is no number of Parley’s: a carrier would not deliver this text to Parley. devstack passed it on anyway; it reaches no one.',
    );
  });

  it('the thread shows this phone’s texts both ways, oldest first, with each outbound status', async () => {
    const { sandbox, byId } = boot({
      'GET /_dev/sms/inbound': {
        items: [
          {
            from: '+41441234567',
            to: '+15005550006',
            body: 'Hi',
            channel: 'sms',
            at: '2026-12-02T10:00:00Z',
            webhookStatus: 200,
          },
          {
            from: '+41000000000',
            to: '+15005550006',
            body: 'other phone',
            channel: 'sms',
            at: '2026-12-02T10:00:01Z',
            webhookStatus: 200,
          },
        ],
      },
      'GET /_dev/sms': {
        items: [
          {
            to: '+41441234567',
            from: '+15005550006',
            body: 'Hello back',
            channel: 'sms',
            at: '2026-12-02T10:00:02Z',
            status: 'delivered',
          },
          {
            to: '+41441234567',
            from: '+15005550006',
            body: 'Lost',
            channel: 'sms',
            at: '2026-12-02T10:00:03Z',
            status: 'failed',
            reason: 'Unreachable destination handset',
          },
        ],
      },
    });
    byId('text-from').value = '+41441234567';

    await (sandbox.loadTexts as () => Promise<void>)();

    const bubbles = byId('thread').children;
    expect(bubbles.map((b) => b.className)).toEqual(['bubble mine', 'bubble', 'bubble']);
    expect(bubbles.map(text)).toEqual([
      expect.stringMatching(/^Hito \+15005550006 · SMS · .* · received$/),
      expect.stringMatching(/^Hello backfrom \+15005550006 · SMS · .* · delivered$/),
      expect.stringMatching(/^Lostfrom \+15005550006 · SMS · .* · failed · Unreachable destination handset$/),
    ]);
  });
});

/**
 * The /_dev/traces page's list, its script run in a sandbox: when a search is answered before the
 * page's earlier, unfiltered load, the slower answer does not overwrite the search's.
 */
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { tracesPage } from './traces.ts';

interface FakeElement {
  value: string;
  children: FakeElement[];
  [key: string]: unknown;
}

function fakeElement(): FakeElement {
  const e: FakeElement = {
    value: '',
    children: [],
    style: {},
    append: (...kids: FakeElement[]) => e.children.push(...kids),
    replaceChildren: (...kids: FakeElement[]) => {
      e.children = [...kids];
    },
    addEventListener() {},
  };
  return e;
}

const trace = (traceId: string) => ({
  traceId,
  startedAt: '2026-12-07T10:00:00Z',
  durationMs: 5,
  services: ['identity'],
  segments: [{ id: 's', name: 'x', service: 'identity', start: 0, end: 5 }],
});

describe('the traces page’s list', () => {
  it('given the unfiltered load still on its way, when a search answers first, then the search’s one trace stays listed', async () => {
    const elements = new Map<string, FakeElement>();
    const byId = (id: string) => {
      if (!elements.has(id)) elements.set(id, fakeElement());
      return elements.get(id) as FakeElement;
    };
    const answers: { url: string; answer: (body: unknown) => void }[] = [];
    const sandbox: Record<string, unknown> = {
      document: { getElementById: byId, createElement: () => fakeElement() },
      location: { pathname: '/_dev/traces', search: '' },
      history: { replaceState() {} },
      URLSearchParams,
      fetch: (url: string) =>
        new Promise((resolve) =>
          answers.push({ url, answer: (body) => resolve({ ok: true, json: async () => body }) }),
        ),
      setInterval: () => 0,
    };
    runInNewContext(tracesPage().split('<script>')[1]?.split('</script>')[0] ?? '', sandbox);
    // the page's own load (unfiltered) is waiting; the person searches
    byId('q').value = 'correlationId:c-1';
    const searched = (sandbox.list as () => Promise<void>)();
    const load = answers.find((a) => !a.url.includes('annotation='));
    const search = answers.find((a) => a.url.includes('annotation=correlationId'));
    search?.answer({ items: [trace('1-aaaaaaaa-000000000000000000000001')] });
    await searched;
    load?.answer({
      items: [trace('1-aaaaaaaa-000000000000000000000002'), trace('1-aaaaaaaa-000000000000000000000003')],
    });
    await new Promise((r) => setTimeout(r, 0));

    expect(byId('list').children).toHaveLength(1);
  });
});

import { PRESENCE_PUSH_MAX_MEMBERS } from '@parley/realtime/frames';
import { RealtimeClient, websocketUrl } from '@parley/realtime/node-client';
import type {} from '@parley/testing/devstack-info';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildWebIfStale } from '../build-if-stale.ts';
import { WATCHED_PRESENCE_REFRESH_MS } from '../src/lib/people-store.ts';
import { launch, newPage, type Person, person, SLOW, signUp } from './support.ts';

const { url } = inject('devstack');

interface Session {
  user: { id: string };
  tokens: { accessToken: string };
}

async function call<T>(path: string, body: unknown, token?: string): Promise<T> {
  const res = await fetch(`${url}/api${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  if (res.status >= 300) throw new Error(`${path} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

const register = (who: Person) =>
  call<Session>('/identity/auth/register', { email: who.email, password: who.password, displayName: who.name });

/**
 * ADR 0034 in Chromium: a group bigger than PRESENCE_PUSH_MAX_MEMBERS sends its members no presence
 * frames; its member list, while open, asks for their presence every minute.
 */
describe('presence in a big group, in the web client', () => {
  let browser: Browser;
  let page: Page;
  const ana = person('Ana');
  const socket: RealtimeClient[] = [];

  beforeAll(async () => {
    await buildWebIfStale();
    browser = await launch();
    page = (await newPage(browser, url)).page;
    await signUp(page, ana);
  });

  afterAll(async () => {
    await Promise.all(socket.map((s) => s.close()));
    await browser?.close();
  });

  it('shows a member coming online in the open member list within a minute, with no frame about it', {
    timeout: 240_000,
  }, async () => {
    // Given Ana in a group one member over the limit, and Ben, one of its members, who accepted it
    const others = await Promise.all(
      Array.from({ length: PRESENCE_PUSH_MAX_MEMBERS }, (_, i) => register(person(`Member${i}`))),
    );
    const [ben] = others as [Session];
    const anaApi = await call<Session>('/identity/auth/login', { email: ana.email, password: ana.password });
    const { conversation } = await call<{ conversation: { id: string } }>(
      '/messaging/conversations',
      { kind: 'group', title: 'Everyone', memberIds: others.map((o) => o.user.id) },
      anaApi.tokens.accessToken,
    );
    await call(`/messaging/conversations/${conversation.id}/accept`, {}, ben.tokens.accessToken);

    // When Ana opens the group's member list, Ben offline (the page's frames and presence answers recorded)
    const frames: string[] = [];
    const answers: { at: number; online: string[] }[] = [];
    page.on('websocket', (ws) => ws.on('framereceived', (f) => frames.push(String(f.payload))));
    page.on('response', async (res) => {
      if (!res.url().includes('/api/notifications/presence')) return;
      const body = (await res.json().catch(() => ({ items: [] }))) as { items: { userId: string; status: string }[] };
      answers.push({ at: Date.now(), online: body.items.filter((i) => i.status === 'online').map((i) => i.userId) });
    });
    await page.goto(`/#/c/${conversation.id}`);
    await page.reload();
    await page.getByTestId('group-info-button').click();
    const panel = page.getByTestId('group-info');
    await expect.poll(() => panel.getByTestId('group-member').count(), { timeout: SLOW }).toBe(others.length + 1);
    const benRow = panel.getByTestId('group-member').filter({ hasText: 'Member0' });
    // the list's first asks have answered, and nothing more is asked for a moment
    await expect.poll(() => answers.length, { timeout: SLOW }).toBeGreaterThan(0);
    await expect.poll(() => Date.now() - (answers.at(-1)?.at ?? 0), { timeout: SLOW }).toBeGreaterThan(2_000);
    expect(await benRow.getByTestId('presence-online').count()).toBe(0);

    // and Ben comes online
    const cameOnline = Date.now();
    socket.push(await RealtimeClient.connect(websocketUrl(url), ben.tokens.accessToken));

    // Then his dot turns on by the list's next ask, within the refresh interval
    await expect
      .poll(() => benRow.getByTestId('presence-online').count(), {
        timeout: WATCHED_PRESENCE_REFRESH_MS + SLOW,
        interval: 500,
      })
      .toBe(1);
    expect(answers.some((a) => a.at > cameOnline && a.online.includes(ben.user.id))).toBe(true);
    // and no presence frame about him reached Ana's socket
    expect(frames.filter((f) => f.includes('PresenceChanged') && f.includes(ben.user.id))).toEqual([]);
  });
});

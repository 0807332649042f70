import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PwaUpdateNotice } from '../views/pwa-update-notice.tsx';
import { dismissUpdate, pwaState, registerServiceWorker } from './pwa.ts';

/** A worker and a registration as the browser hands them out, driven by the test. */
class FakeWorker extends EventTarget {
  state: ServiceWorkerState = 'installing';
  readonly posted: unknown[] = [];
  postMessage(message: unknown) {
    this.posted.push(message);
  }
  become(state: ServiceWorkerState) {
    this.state = state;
    this.dispatchEvent(new Event('statechange'));
  }
}

function fakeBrowser(controlled: boolean) {
  const registration = Object.assign(new EventTarget(), {
    installing: null as FakeWorker | null,
    waiting: null as FakeWorker | null,
    update: vi.fn(async () => undefined),
  });
  const container = Object.assign(new EventTarget(), {
    controller: controlled ? new FakeWorker() : null,
    register: vi.fn(async () => registration),
  });
  const reload = vi.fn();
  const win = {
    navigator: { serviceWorker: container },
    location: { reload },
    document,
  } as unknown as Window;
  const newVersion = () => {
    const worker = new FakeWorker();
    registration.installing = worker;
    registration.dispatchEvent(new Event('updatefound'));
    worker.become('installed');
    return worker;
  };
  return { win, container, registration, reload, newVersion };
}

afterEach(() => dismissUpdate());

describe('"Update available — Reload"', () => {
  it('given a new version installed while the page runs, then the notice; Reload lets it take over and reloads', async () => {
    const browser = fakeBrowser(true);
    render(<PwaUpdateNotice />);
    await registerServiceWorker(browser.win);
    expect(browser.container.register).toHaveBeenCalledWith('/sw.js', { scope: '/' });
    expect(screen.queryByTestId('update-available')).toBeNull();

    let worker: FakeWorker | undefined;
    act(() => {
      worker = browser.newVersion();
    });
    expect(screen.getByTestId('update-available').textContent).toContain('Update available');

    fireEvent.click(screen.getByRole('button', { name: 'Reload' }));
    expect(worker?.posted).toEqual([{ type: 'skip-waiting' }]);
    expect(browser.reload).not.toHaveBeenCalled();
    browser.container.dispatchEvent(new Event('controllerchange'));
    expect(browser.reload).toHaveBeenCalledTimes(1);
  });

  it('given the very first install (no worker controlled the page), then no notice and no reload', async () => {
    const browser = fakeBrowser(false);
    await registerServiceWorker(browser.win);

    browser.newVersion();
    browser.container.dispatchEvent(new Event('controllerchange'));

    expect(pwaState.get().updateReady).toBe(false);
    expect(browser.reload).not.toHaveBeenCalled();
  });

  it('given a version already waiting when the page opens, then the notice at once; Later hides it', async () => {
    const browser = fakeBrowser(true);
    browser.registration.waiting = new FakeWorker();
    render(<PwaUpdateNotice />);
    await act(() => registerServiceWorker(browser.win));

    expect(screen.getByTestId('update-available')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Later' }));
    expect(screen.queryByTestId('update-available')).toBeNull();
  });
});

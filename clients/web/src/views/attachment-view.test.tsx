import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setLocale } from '../lib/i18n.ts';
import type { Attachment } from '../lib/model.ts';
import { json } from '../test/fake-http.ts';
import { FakeServer } from '../test/fake-server.ts';
import { signedIn } from '../test/signed-in.tsx';

const image = (id: string, fileName: string): Attachment => ({
  id,
  fileName,
  contentType: 'image/png',
  size: 2048,
  kind: 'image',
});
const file = (id: string, fileName: string, contentType: string): Attachment => ({
  id,
  fileName,
  contentType,
  size: 4096,
  kind: 'file',
});

/**
 * Ada's chat with Bob, whose messages carry `attachments`; `GET /messaging/attachments/{id}` answers
 * a new presigned URL each time (`n=` counts them), valid for `lifetime` seconds.
 */
async function chatWithAttachments(attachments: Attachment[][], lifetime = 300) {
  const server = new FakeServer();
  const ada = server.addUser('Ada Lovelace');
  const bob = server.addUser('Bob Marley');
  const chat = server.addConversation([ada.id, bob.id]);
  for (const list of attachments) server.post(chat.id, bob.id, '').message.attachments = list;
  const asked: string[] = [];
  const base = server.fetch;
  server.fetch = async (input, init) => {
    const id = /\/messaging\/attachments\/([^/?]+)$/.exec(new URL(String(input), 'http://parley.test').pathname)?.[1];
    if (!id) return base(input, init);
    asked.push(id);
    const downloadUrl = `https://s3.test/${id}?X-Amz-Expires=${lifetime}&n=${asked.length}`;
    return json(200, { downloadUrl, expiresAt: new Date(Date.now() + lifetime * 1000).toISOString() });
  };
  await signedIn(server, ada.id, `#/c/${chat.id}`);
  const list = await screen.findByTestId('messages');
  await waitFor(() => expect(within(list).getAllByTestId('message')).toHaveLength(attachments.length));
  return { list, asked };
}

describe('attachments in a message', () => {
  beforeEach(() => setLocale('en'));
  afterEach(() => vi.useRealTimers());

  it('opens images in the viewer, steps through the conversation’s images, and closes with Esc', async () => {
    // Given two messages with images
    const { list } = await chatWithAttachments([[image('i1', 'beach.png')], [image('i2', 'canal.png')]]);
    // Each preview sits in a box of fixed shape, so the list does not jump as it loads
    for (const box of within(list).getAllByTestId('attachment-box')) expect(box.className).toContain('aspect-[4/3]');

    // When Ada opens the first
    const opener = within(list).getByRole('button', { name: 'Open beach.png' });
    opener.focus();
    fireEvent.click(opener);

    // Then the viewer shows it, at a fresh link
    const viewer = await screen.findByRole('dialog');
    expect(within(viewer).getByText('Image 1 of 2: beach.png')).toBeTruthy();
    await waitFor(() => expect(within(viewer).getByTestId('lightbox-image').getAttribute('src')).toContain('/i1?'));
    expect(within(viewer).getByRole('button', { name: 'Previous image' }).getAttribute('aria-disabled')).toBe('true');

    // When she presses → the next image shows; ← goes back
    fireEvent.keyDown(viewer, { key: 'ArrowRight' });
    expect(within(viewer).getByText('Image 2 of 2: canal.png')).toBeTruthy();
    await waitFor(() => expect(within(viewer).getByTestId('lightbox-image').getAttribute('src')).toContain('/i2?'));
    fireEvent.click(within(viewer).getByRole('button', { name: 'Previous image' }));
    expect(within(viewer).getByText('Image 1 of 2: beach.png')).toBeTruthy();

    // When she presses Esc, the viewer closes and focus is back on the image she opened
    fireEvent.keyDown(viewer, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(() => expect(document.activeElement).toBe(opener));
  });

  it('downloads a file through a link asked for when clicked, never one that expired', async () => {
    // Given a file, and a clock the test moves
    const { list, asked } = await chatWithAttachments([[file('f1', 'report.zip', 'application/zip')]]);
    const saved: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push(`${this.href} ${this.download}`);
    });
    const start = Date.now();
    const clock = vi.spyOn(Date, 'now').mockReturnValue(start);
    expect(asked).toEqual([]);

    // When Ada clicks it, then again a minute later
    const chip = within(list).getByRole('button', { name: 'Download report.zip 4.0 KB' });
    fireEvent.click(chip);
    await waitFor(() => expect(saved).toEqual(['https://s3.test/f1?X-Amz-Expires=300&n=1 report.zip']));
    clock.mockReturnValue(start + 60_000);
    fireEvent.click(chip);
    await waitFor(() => expect(saved).toHaveLength(2));

    // Then the link was asked for once, while it had time left
    expect(asked).toEqual(['f1']);
    expect(saved[1]).toContain('n=1');

    // When she clicks it six minutes later, after that link expired
    clock.mockReturnValue(start + 6 * 60_000);
    fireEvent.click(chip);

    // Then a new link is asked for and used
    await waitFor(() => expect(saved).toHaveLength(3));
    expect(asked).toEqual(['f1', 'f1']);
    expect(saved[2]).toBe('https://s3.test/f1?X-Amz-Expires=300&n=2 report.zip');
  });

  it('refreshes a shown image’s link before it expires', async () => {
    // Given an image whose links live 62 s (refreshed a minute before: after about 2 s)
    const { list, asked } = await chatWithAttachments([[image('i1', 'beach.png')]], 62);
    const img = await within(list).findByTestId('attachment-image');
    expect(img.getAttribute('src')).toContain('n=1');

    // Then a new link replaces it in time
    await waitFor(() => expect(img.getAttribute('src')).toContain('n=2'), { timeout: 4_000 });
    expect(asked).toEqual(['i1', 'i1']);
  });

  it('shows a PDF in the page from its bytes, with a download button', async () => {
    // Given a PDF, and storage that serves its bytes
    const { list } = await chatWithAttachments([[file('p1', 'menu.pdf', 'application/pdf')]]);
    const storage = vi.fn(async (_url: string) => new Response('%PDF-1.4', { status: 200 }));
    vi.stubGlobal('fetch', storage);
    const blobs: Blob[] = [];
    const { createObjectURL, revokeObjectURL } = URL;
    Object.assign(URL, {
      createObjectURL: (blob: Blob) => `blob:pdf-${blobs.push(blob)}`,
      revokeObjectURL: () => undefined,
    });

    // When Ada opens it
    fireEvent.click(within(list).getByRole('button', { name: 'Open menu.pdf 4.0 KB' }));

    // Then the viewer shows it in a frame, typed as a PDF, read through a fresh link
    const viewer = await screen.findByTestId('pdf-viewer');
    const frame = await within(viewer).findByTitle('menu.pdf');
    expect(frame.tagName).toBe('IFRAME');
    expect(frame.getAttribute('src')).toBe('blob:pdf-1');
    expect(blobs[0]?.type).toBe('application/pdf');
    expect(String(storage.mock.calls[0]?.[0])).toContain('https://s3.test/p1?');
    expect(within(viewer).getByRole('button', { name: 'Download' })).toBeTruthy();
    await act(async () => undefined);
    vi.unstubAllGlobals();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
  });
});

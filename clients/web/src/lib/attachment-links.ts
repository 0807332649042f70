import { useCallback, useEffect, useRef, useState } from 'react';
import type { MessagingApi } from './messaging-api.ts';

/**
 * Download URLs of attachments are presigned for a few minutes (services/messaging: 5). A link is
 * held with the moment it stops working and asked for again before then, so nothing on screen or
 * behind a click is ever stale.
 */
export interface AttachmentLink {
  url: string;
  /** epoch ms after which S3 answers "Request has expired" */
  expiresAt: number;
}

/** What the messaging service promises when a URL says nothing. */
export const DEFAULT_LINK_LIFETIME_MS = 5 * 60_000;
/** A link is refreshed this long before it expires, and never handed out with less left. */
export const LINK_MARGIN_MS = 60_000;

/**
 * When a presigned URL fetched at `fetchedAt` expires: its SigV4 `X-Amz-Expires` lifetime counted
 * from when it arrived (so the device's clock skew does not matter), else the default lifetime.
 */
export function linkExpiry(url: string, fetchedAt: number): number {
  let seconds: number | undefined;
  try {
    const raw = new URL(url).searchParams.get('X-Amz-Expires');
    seconds = raw && /^\d+$/.test(raw) ? Number(raw) : undefined;
  } catch {
    seconds = undefined;
  }
  return fetchedAt + (seconds !== undefined ? seconds * 1000 : DEFAULT_LINK_LIFETIME_MS);
}

/** The links of one signed-in user's attachments: one request per id while a link has time left. */
export class AttachmentLinks {
  private readonly held = new Map<string, { link: Promise<AttachmentLink>; url?: string }>();

  private readonly fetchUrl: (attachmentId: string) => Promise<string>;
  private readonly now: () => number;

  constructor(fetchUrl: (attachmentId: string) => Promise<string>, now: () => number = () => Date.now()) {
    this.fetchUrl = fetchUrl;
    this.now = now;
  }

  /** A link good for at least `LINK_MARGIN_MS` more: the one held, or a new one. */
  async get(attachmentId: string): Promise<AttachmentLink> {
    const held = this.held.get(attachmentId);
    if (held) {
      const link = await held.link.catch(() => undefined);
      if (link && link.expiresAt - this.now() > LINK_MARGIN_MS) return link;
      if (this.held.get(attachmentId) !== held) return this.get(attachmentId);
    }
    const fetchedAt = this.now();
    const entry: { link: Promise<AttachmentLink>; url?: string } = {
      link: this.fetchUrl(attachmentId).then((url) => {
        entry.url = url;
        return { url, expiresAt: linkExpiry(url, fetchedAt) };
      }),
    };
    this.held.set(attachmentId, entry);
    entry.link.catch(() => {
      if (this.held.get(attachmentId) === entry) this.held.delete(attachmentId);
    });
    return entry.link;
  }

  /** Forgets a link that failed to load, so the next `get` asks again. */
  drop(attachmentId: string, url: string): void {
    if (this.held.get(attachmentId)?.url === url) this.held.delete(attachmentId);
  }
}

/** A failed load is asked again at most this often per shown attachment (a deleted file fails for good). */
const MAX_RETRIES = 2;

const perApi = new WeakMap<MessagingApi, AttachmentLinks>();

/** The links for a workspace's messaging port (one set per signed-in user). */
export function attachmentLinks(api: MessagingApi): AttachmentLinks {
  let links = perApi.get(api);
  if (!links) {
    links = new AttachmentLinks((id) => api.attachmentUrl(id));
    perApi.set(api, links);
  }
  return links;
}

/**
 * An attachment's download URL, kept fresh while shown (asked again a minute before it expires);
 * `fresh()` gives one for a click, `failed(url)` asks again after an image or viewer failed to load it.
 */
export function useAttachmentLink(api: MessagingApi, attachmentId: string, enabled = true) {
  const links = attachmentLinks(api);
  const [link, setLink] = useState<AttachmentLink>();
  const [round, setRound] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `round` asks again (a refresh or a failed load)
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    links
      .get(attachmentId)
      .then((next) => {
        if (!live) return;
        setLink(next);
        const wait = Math.max(1_000, next.expiresAt - LINK_MARGIN_MS - Date.now());
        timer = setTimeout(() => setRound((r) => r + 1), wait);
      })
      .catch(() => undefined);
    return () => {
      live = false;
      if (timer) clearTimeout(timer);
    };
  }, [links, attachmentId, enabled, round]);

  const fresh = useCallback(async () => {
    const next = await links.get(attachmentId);
    setLink(next);
    return next.url;
  }, [links, attachmentId]);

  const failures = useRef(0);
  const failed = useCallback(
    (url: string) => {
      links.drop(attachmentId, url);
      failures.current += 1;
      if (failures.current <= MAX_RETRIES) setRound((r) => r + 1);
    },
    [links, attachmentId],
  );

  const usable = link && link.expiresAt - Date.now() > 0 ? link.url : undefined;
  return { url: usable, fresh, failed };
}

/** Starts a download (or opens the file in a new tab where the browser ignores `download` across origins). */
export function saveFile(url: string, fileName: string): void {
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.target = '_blank';
  a.rel = 'noopener noreferrer';
  document.body.append(a);
  a.click();
  a.remove();
}

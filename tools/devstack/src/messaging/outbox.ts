import { readJsonFile, writeJsonFile } from '../json-file.ts';
import type { MessagingProvider, TextChannel } from './config.ts';

export type TextStatus = 'queued' | 'sent' | 'delivered' | 'failed';

/**
 * One text Parley sent, through any provider and channel. `phoneNumber` and `message` are the
 * outbox's first fields (SNS only), kept equal to `to` and `body` for the clients that read them.
 */
export interface OutboxItem {
  /** the provider's message id: SNS MessageId, Twilio `SM…` sid, End User Messaging Social messageId */
  id: string;
  provider: MessagingProvider;
  channel: TextChannel;
  to: string;
  from?: string;
  body: string;
  status: TextStatus;
  at: string;
  statusAt?: string;
  /** why it failed, in the provider's words */
  reason?: string;
  /** the HTTP status notifications answered the last status callback with */
  webhookStatus?: number;
  phoneNumber: string;
  message: string;
  senderId?: string;
  smsType?: string;
  /** End User Messaging SMS: the configuration set it was sent with (its events go to the set's destination) */
  configurationSet?: string;
  /** End User Messaging SMS: the sender's `Context`, echoed in every event of the text */
  context?: Record<string, string>;
}

/** One text a phone sent to Parley through `POST /_dev/sms/inbound`. */
export interface InboundItem {
  id: string;
  provider: MessagingProvider;
  channel: TextChannel;
  from: string;
  to: string;
  body: string;
  at: string;
  /** what notifications' webhook answered */
  webhookStatus: number;
}

const MAX_ITEMS = 1000;

/** The texts devstack's emulators captured, oldest first, persisted in `file` (`sms.json`). */
export class TextOutbox {
  private readonly items: OutboxItem[];
  private readonly inbound: InboundItem[];
  private readonly file: string | undefined;

  constructor(file?: string) {
    this.file = file;
    const saved = file ? readJsonFile<{ items?: Partial<OutboxItem>[]; inbound?: InboundItem[] }>(file, {}) : {};
    this.items = (saved.items ?? []).map(upgrade);
    this.inbound = saved.inbound ?? [];
  }

  list(): readonly OutboxItem[] {
    return this.items;
  }

  received(): readonly InboundItem[] {
    return this.inbound;
  }

  get(id: string): OutboxItem | undefined {
    return this.items.find((i) => i.id === id);
  }

  add(item: Omit<OutboxItem, 'phoneNumber' | 'message' | 'at' | 'status'> & { status?: TextStatus }): OutboxItem {
    const full: OutboxItem = {
      ...item,
      status: item.status ?? 'queued',
      at: new Date().toISOString(),
      phoneNumber: item.to,
      message: item.body,
    };
    this.items.push(full);
    if (this.items.length > MAX_ITEMS) this.items.splice(0, this.items.length - MAX_ITEMS);
    this.save();
    return full;
  }

  update(id: string, change: Partial<Pick<OutboxItem, 'status' | 'reason' | 'webhookStatus'>>): void {
    const item = this.get(id);
    if (!item) return;
    Object.assign(item, change, change.status ? { statusAt: new Date().toISOString() } : {});
    this.save();
  }

  addInbound(item: InboundItem): void {
    this.inbound.push(item);
    if (this.inbound.length > MAX_ITEMS) this.inbound.splice(0, this.inbound.length - MAX_ITEMS);
    this.save();
  }

  private save(): void {
    if (this.file) writeJsonFile(this.file, { items: this.items, inbound: this.inbound });
  }
}

/** An item saved before the outbox knew providers (SNS only): the same text in the new fields. */
function upgrade(saved: Partial<OutboxItem>): OutboxItem {
  const to = saved.to ?? saved.phoneNumber ?? '';
  const body = saved.body ?? saved.message ?? '';
  return {
    provider: 'aws',
    channel: 'sms',
    status: 'sent',
    ...saved,
    id: saved.id ?? '',
    at: saved.at ?? new Date(0).toISOString(),
    to,
    body,
    phoneNumber: to,
    message: body,
    ...(saved.from === undefined && saved.senderId ? { from: saved.senderId } : {}),
  } as OutboxItem;
}

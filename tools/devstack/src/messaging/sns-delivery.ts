import { randomBytes, randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { readJsonFile, writeJsonFile } from '../json-file.ts';
import { SNS_CERT_NAME } from './config.ts';
import { type SigningIdentity, type SnsEnvelope, signEnvelope } from './sns-signing.ts';

/** One HTTP(S) subscription of a topic, as `GET /_dev/sns/subscriptions` lists it. */
export interface SnsSubscription {
  topicArn: string;
  endpoint: string;
  subscriptionArn: string;
  confirmed: boolean;
  /** how many times the SubscribeURL was visited */
  confirmations: number;
  /** what the endpoint answered the last SubscriptionConfirmation with */
  confirmationStatus?: number;
  token: string;
}

export interface SnsDeliveryOptions {
  file: string;
  identity: SigningIdentity;
  publicOrigin: () => string;
  log: (line: string) => void;
}

const NS = 'http://sns.amazonaws.com/doc/2010-03-31/';

/**
 * SNS delivering to HTTP(S) subscriptions, as SNS does: a signed SubscriptionConfirmation when an
 * endpoint subscribes (its SubscribeURL is `<origin>/_dev/sns/confirm?…`, which records the
 * confirmation), then signed Notifications (SignatureVersion 1 or 2) to confirmed subscriptions only.
 * The signing certificate is served at `<origin>/_dev/sns/cert/<name>.pem`. Subscriptions persist in `file`.
 */
export class SnsHttpDelivery {
  private readonly options: SnsDeliveryOptions;
  private readonly subscriptions: SnsSubscription[];

  constructor(options: SnsDeliveryOptions) {
    this.options = options;
    this.subscriptions = readJsonFile<{ subscriptions?: SnsSubscription[] }>(options.file, {}).subscriptions ?? [];
  }

  get certificateUrl(): string {
    return `${this.options.publicOrigin()}/_dev/sns/cert/${SNS_CERT_NAME}`;
  }

  list(): SnsSubscription[] {
    return this.subscriptions;
  }

  /** Drops every subscription but these (an earlier run's endpoints, on ports no longer served). */
  retainOnly(wanted: readonly { topicArn: string; endpoint: string }[]): void {
    const keep = this.subscriptions.filter((s) =>
      wanted.some((w) => w.topicArn === s.topicArn && w.endpoint === s.endpoint),
    );
    this.subscriptions.splice(0, this.subscriptions.length, ...keep);
    this.save();
  }

  /**
   * Subscribes `endpoint` to `topicArn` (once) and posts the SubscriptionConfirmation; an existing,
   * unconfirmed subscription gets it again (as `aws sns subscribe` would). Returns the endpoint's HTTP status.
   */
  async subscribe(topicArn: string, endpoint: string): Promise<SnsSubscription> {
    let sub = this.subscriptions.find((s) => s.topicArn === topicArn && s.endpoint === endpoint);
    if (sub?.confirmed) return sub;
    if (!sub) {
      sub = {
        topicArn,
        endpoint,
        subscriptionArn: `${topicArn}:${randomUUID()}`,
        confirmed: false,
        confirmations: 0,
        token: randomBytes(64).toString('hex'),
      };
      this.subscriptions.push(sub);
    }
    const subscribeUrl = `${this.options.publicOrigin()}/_dev/sns/confirm?${new URLSearchParams({
      Action: 'ConfirmSubscription',
      TopicArn: topicArn,
      Token: sub.token,
    })}`;
    const status = await this.post(sub, {
      Type: 'SubscriptionConfirmation',
      MessageId: randomUUID(),
      Token: sub.token,
      TopicArn: topicArn,
      Message: `You have chosen to subscribe to the topic ${topicArn}.\nTo confirm the subscription, visit the SubscribeURL included in this message.`,
      SubscribeURL: subscribeUrl,
      Timestamp: new Date().toISOString(),
    });
    sub.confirmationStatus = status;
    this.save();
    return sub;
  }

  /**
   * Publishes `message` to every confirmed subscription of the topic; the endpoints' HTTP statuses
   * (none when no subscription is confirmed).
   */
  async publish(topicArn: string, message: string, signatureVersion: '1' | '2' = '2'): Promise<number[]> {
    const targets = this.subscriptions.filter((s) => s.topicArn === topicArn && s.confirmed);
    const messageId = randomUUID();
    const timestamp = new Date().toISOString();
    return Promise.all(
      targets.map((sub) =>
        this.post(
          sub,
          { Type: 'Notification', MessageId: messageId, TopicArn: topicArn, Message: message, Timestamp: timestamp },
          signatureVersion,
        ),
      ),
    );
  }

  /** `GET /_dev/sns/confirm?Action=ConfirmSubscription&TopicArn=…&Token=…`: what SNS answers the SubscribeURL with. */
  confirm(url: URL, res: ServerResponse): void {
    const sub = this.subscriptions.find(
      (s) => s.topicArn === url.searchParams.get('TopicArn') && s.token === url.searchParams.get('Token'),
    );
    const requestId = randomUUID();
    res.writeHead(sub ? 200 : 404, { 'content-type': 'text/xml' });
    if (!sub || url.searchParams.get('Action') !== 'ConfirmSubscription') {
      res.end(
        `<?xml version="1.0"?>\n<ErrorResponse xmlns="${NS}"><Error><Type>Sender</Type><Code>NotFound</Code><Message>No pending subscription has this TopicArn and Token.</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
      );
      return;
    }
    sub.confirmed = true;
    sub.confirmations += 1;
    this.save();
    this.options.log(`SNS subscription confirmed: ${sub.topicArn} → ${sub.endpoint}`);
    res.end(
      `<?xml version="1.0"?>\n<ConfirmSubscriptionResponse xmlns="${NS}"><ConfirmSubscriptionResult><SubscriptionArn>${sub.subscriptionArn}</SubscriptionArn></ConfirmSubscriptionResult><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></ConfirmSubscriptionResponse>`,
    );
  }

  /** `GET /_dev/sns/unsubscribe?SubscriptionArn=…` (every Notification's UnsubscribeURL). */
  unsubscribe(url: URL, res: ServerResponse): void {
    const index = this.subscriptions.findIndex((s) => s.subscriptionArn === url.searchParams.get('SubscriptionArn'));
    if (index >= 0) this.subscriptions.splice(index, 1);
    this.save();
    res.writeHead(index >= 0 ? 200 : 404, { 'content-type': 'text/xml' });
    res.end(
      `<?xml version="1.0"?>\n<UnsubscribeResponse xmlns="${NS}"><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></UnsubscribeResponse>`,
    );
  }

  private async post(
    sub: SnsSubscription,
    fields: Omit<SnsEnvelope, 'Signature' | 'SignatureVersion' | 'SigningCertURL'>,
    signatureVersion: '1' | '2' = '2',
  ): Promise<number> {
    const envelope: SnsEnvelope = {
      ...fields,
      SignatureVersion: signatureVersion,
      Signature: signEnvelope(fields, signatureVersion, this.options.identity.privateKey),
      SigningCertURL: this.certificateUrl,
      ...(fields.Type === 'Notification'
        ? {
            UnsubscribeURL: `${this.options.publicOrigin()}/_dev/sns/unsubscribe?${new URLSearchParams({ Action: 'Unsubscribe', SubscriptionArn: sub.subscriptionArn })}`,
          }
        : {}),
    };
    try {
      const res = await fetch(sub.endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'text/plain; charset=UTF-8',
          'user-agent': 'Amazon Simple Notification Service Agent',
          'x-amz-sns-message-type': fields.Type,
          'x-amz-sns-message-id': fields.MessageId,
          'x-amz-sns-topic-arn': fields.TopicArn,
          ...(fields.Type === 'Notification' ? { 'x-amz-sns-subscription-arn': sub.subscriptionArn } : {}),
        },
        body: JSON.stringify(envelope),
        signal: AbortSignal.timeout(15_000),
      });
      await res.arrayBuffer();
      return res.status;
    } catch (err) {
      this.options.log(`SNS delivery to ${sub.endpoint} failed: ${(err as Error).message}`);
      return 0;
    }
  }

  private save(): void {
    writeJsonFile(this.options.file, { subscriptions: this.subscriptions });
  }
}

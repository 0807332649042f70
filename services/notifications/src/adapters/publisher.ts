import {
  PresenceChanged,
  SmsSent,
  TextOptedIn,
  TextOptedOut,
  TextReceived,
  TextStatusChanged,
  UsageRecorded,
} from '@parley/events/notifications';
import type { EventPublisher } from '@parley/lambda/publisher';
import type { NotificationsPublisher } from '../domain/ports.ts';

export function notificationsPublisher(events: EventPublisher): NotificationsPublisher {
  return {
    async presenceChanged(data, audience) {
      // published even with no one to show it to: other services follow presence too (calling
      // sends a phone call to voicemail at once when its callee has no device online)
      await events.publish(PresenceChanged, data, { audience });
    },
    async smsSent(data) {
      await events.publish(SmsSent, data);
    },
    async usageRecorded(data) {
      await events.publish(UsageRecorded, data);
    },
    async textReceived(data) {
      await events.publish(TextReceived, data);
    },
    async textStatusChanged(data) {
      await events.publish(TextStatusChanged, data);
    },
    async textOptedOut(data) {
      await events.publish(TextOptedOut, data);
    },
    async textOptedIn(data) {
      await events.publish(TextOptedIn, data);
    },
  };
}

import { PresenceChanged, SmsSent } from '@parley/events/notifications';
import type { EventPublisher } from '@parley/lambda/publisher';
import type { NotificationsPublisher } from '../domain/ports.ts';

export function notificationsPublisher(events: EventPublisher): NotificationsPublisher {
  return {
    async presenceChanged(data, audience) {
      // no audience, no one to tell: skip the PutEvents
      if (audience.length === 0) return;
      await events.publish(PresenceChanged, data, { audience });
    },
    async smsSent(data) {
      await events.publish(SmsSent, data);
    },
  };
}

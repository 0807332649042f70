import * as z from 'zod';
import type { EventDefinition } from './define-event.ts';

/** File name of an event's schema snapshot, e.g. `messaging.MessageSent.v1.json`. */
export const snapshotName = (event: EventDefinition) => `${event.detailType}.v${event.version}.json`;

/** JSON Schema of an event's `detail` (envelope and data), as stored in `shared/events/schemas/`. */
export function detailJsonSchema(event: EventDefinition): Record<string, unknown> {
  return {
    title: event.detailType,
    description: event.description,
    'x-source': event.source,
    'x-version': event.version,
    ...(z.toJSONSchema(event.detail, { io: 'input' }) as Record<string, unknown>),
  };
}

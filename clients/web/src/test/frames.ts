import type { EventData, EventDefinition } from '@parley/events/define-event';
import { GatewayFrameType, ServerFrame, TypingData } from '@parley/realtime/frames';

/**
 * Server frames for tests, parsed with the event catalog's and the WebSocket protocol's own schemas
 * (`@parley/events`, `@parley/realtime`): a frame a test pushes is one the services could send.
 */

let frameCounter = 0;

/** The frame notifications pushes for a catalog event; `data` is checked against the event's schema. */
export function eventFrame<E extends EventDefinition>(
  event: E,
  data: EventData<E>,
  at: string = new Date().toISOString(),
): ServerFrame {
  const id = `evt-${event.detailType}-${++frameCounter}`;
  return ServerFrame.parse({ id, type: event.detailType, v: event.version, at, data: event.data.parse(data) });
}

/** The gateway's typing frame, checked against the WebSocket protocol's schema. */
export function typingFrame(data: TypingData, at: string = new Date().toISOString()): ServerFrame {
  const id = `typing-${++frameCounter}`;
  return ServerFrame.parse({ id, type: GatewayFrameType.typing, v: 1, at, data: TypingData.parse(data) });
}

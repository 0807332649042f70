import { wiring } from '../../wiring.ts';
import { audienceConsumer } from './audience-consumer.ts';

/** Every event with an `audience` (pattern: source `parley.*`, `detail.audience` exists) → the audience's live connections. */
export const handler = audienceConsumer(() => ({ idempotency: wiring.idempotency(), deps: wiring.audience() }));

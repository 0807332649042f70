import { emfFanOutMetrics } from '../../adapters/fan-out-metrics.ts';
import { config } from '../../config.ts';
import { audience } from '../../wiring/gateway.ts';
import { audienceConsumer } from './audience-consumer.ts';

/** Every event with an `audience` (pattern: source `parley.*`, `detail.audience` exists) → the audience's live connections. */
const metrics = emfFanOutMetrics(config.STAGE);

export const handler = audienceConsumer(() => ({ deps: audience(), metrics }));

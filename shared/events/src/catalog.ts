import * as calling from './calling.ts';
import type { EventDefinition } from './define-event.ts';
import * as identity from './identity.ts';
import * as messaging from './messaging.ts';
import * as notifications from './notifications.ts';
import * as numbers from './numbers.ts';
import { SpendChanged } from './usage.ts';

/** Every event Parley publishes, for the schema snapshot test and the generated catalog. */
export const catalog: readonly EventDefinition[] = [
  ...Object.values(identity),
  ...Object.values(notifications),
  ...Object.values(messaging),
  ...Object.values(calling),
  ...Object.values(numbers),
  SpendChanged,
];

import { electroContactRepository } from '../adapters/contact-repository.ts';
import { electroSessionRepository } from '../adapters/session-repository.ts';
import { identityService } from '../adapters/table.ts';
import { electroThrottleStore } from '../adapters/throttle-store.ts';
import { electroUserRepository } from '../adapters/user-repository.ts';
import { config } from '../config.ts';
import { systemClock } from '../domain/ports.ts';

// The table and its repositories only: what the session-status route (every authorizer's hot path) loads.
const db = identityService(config.TABLE_NAME);

export const clock = systemClock;
export const users = electroUserRepository(db);
export const sessions = electroSessionRepository(db);
export const contacts = electroContactRepository(db);
export const throttle = electroThrottleStore(db);

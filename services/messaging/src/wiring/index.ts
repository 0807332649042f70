import { randomBytes } from 'node:crypto';
import { dynamoIdempotencyStore } from '@parley/lambda/idempotency';
import { logger } from '@parley/lambda/observability';
import { once } from '@parley/lambda/once';
import { electroAttachmentRepository } from '../adapters/attachment-repository.ts';
import { electroConversationRepository } from '../adapters/conversation-repository.ts';
import { electroMemberRepository } from '../adapters/member-repository.ts';
import { electroMessageRepository } from '../adapters/message-repository.ts';
import { electroMessageScan } from '../adapters/message-scan.ts';
import { electroNumberOwners } from '../adapters/number-owners.ts';
import { electroRateLimiter } from '../adapters/rate-limiter.ts';
import { electroRelations } from '../adapters/relations.ts';
import { electroSearchIndex } from '../adapters/search-index.ts';
import { dynamo, messagingService } from '../adapters/table.ts';
import { electroUserDirectory } from '../adapters/user-directory.ts';
import { config } from '../config.ts';
import { DEFAULT_LIMITS } from '../domain/limits.ts';

/** The messaging table's electrodb Service. */
export const db = /* @__PURE__ */ once(() => messagingService(config.TABLE_NAME));

/**
 * The ports every use case shares. Clients for EventBridge (`publishing.ts`) and S3 (`files.ts`)
 * live in their own modules so that a function bundles only the SDK clients it uses: a read-only
 * route does not carry the S3 client into its cold start.
 */
export const core = /* @__PURE__ */ once(() => ({
  conversations: electroConversationRepository(db()),
  members: electroMemberRepository(db()),
  messages: electroMessageRepository(db()),
  attachments: electroAttachmentRepository(db()),
  users: electroUserDirectory(db()),
  relations: electroRelations(db()),
  limiter: electroRateLimiter(db()),
  search: electroSearchIndex(db(), dynamo),
  numberOwners: electroNumberOwners(db()),
  limits: {
    send: { perUser: config.SEND_LIMIT_PER_USER, windowSeconds: config.SEND_LIMIT_WINDOW_SECONDS },
    attachment: { perUser: config.ATTACHMENT_LIMIT_PER_USER, windowSeconds: config.ATTACHMENT_LIMIT_WINDOW_SECONDS },
    search: DEFAULT_LIMITS.search,
  },
  // 120 random bits, URL-safe: unguessable ids
  ids: { id: () => randomBytes(15).toString('base64url') },
  clock: { now: () => new Date() },
  diagnostics: { warn: (message: string, context: Record<string, unknown>) => logger.warn(message, context) },
}));

/** The search backfill's ports: the indexer's own, and a scan of every stored message (ADR 0019). */
export const searchBackfill = /* @__PURE__ */ once(() => ({
  messages: core().messages,
  search: core().search,
  scan: electroMessageScan(db()),
}));

/** Processed eventIds of every consumer, on the service's own table. */
export const idempotency = /* @__PURE__ */ once(() => dynamoIdempotencyStore(dynamo, config.TABLE_NAME));

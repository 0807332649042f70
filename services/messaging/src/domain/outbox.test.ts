import * as messagingEvents from '@parley/events/messaging';
import { describe, expect, it } from 'vitest';
import { memoryWorld } from '../../test/memory.ts';
import { createConversation } from './conversations.ts';
import { afterWrite, drainOutbox, newEvent, retiredByConsumer } from './outbox.ts';

describe('afterWrite', () => {
  it('runs every step even when one fails, and reports the failure', async () => {
    const world = memoryWorld();
    const ran: string[] = [];
    await afterWrite(world.deps, {
      one: async () => ran.push('one'),
      two: async () => {
        throw new Error('table busy');
      },
      three: async () => ran.push('three'),
    });
    expect(ran).toEqual(['one', 'three']);
    expect(world.warnings).toEqual([expect.objectContaining({ context: { step: 'two', error: 'table busy' } })]);
  });
});

describe('retiredByConsumer (ADR 0033)', () => {
  const clock = { now: () => new Date('2026-12-07T10:00:00Z') };
  it("leaves a new MessageSent's row for indexMessages, but not once drained, and no other event's", () => {
    const sent = newEvent({ clock }, messagingEvents.MessageSent, {} as never, ['ana']);
    const created = newEvent({ clock }, messagingEvents.ConversationCreated, {} as never, ['ana']);
    expect(retiredByConsumer(sent)).toBe(true);
    expect(retiredByConsumer(sent, { drained: true })).toBe(false);
    expect(retiredByConsumer(created)).toBe(false);
  });
});

describe('drainOutbox', () => {
  it('publishes what failed to publish, oldest first, once past the grace period', async () => {
    // Given two conversations created while EventBridge was failing
    const world = memoryWorld();
    world.failPublishing(true);
    const first = await createConversation(world.deps, { callerId: 'ana', memberIds: ['bo'] });
    world.advance(5_000);
    const second = await createConversation(world.deps, { callerId: 'ana', memberIds: ['cy'] });
    world.failPublishing(false);
    // When the drain runs 40 s later, in batches of one
    world.advance(40_000);
    const published = await drainOutbox(world.deps, { batchSize: 1 });
    // Then both events went out in the order they happened, and the outbox is empty
    expect(published).toBe(2);
    expect(world.published.map((e) => (e.data as { conversationId: string }).conversationId)).toEqual([
      first.conversation.id,
      second.conversation.id,
    ]);
    expect(world.outbox.size).toBe(0);
  });

  it('fails loudly when publishing still fails, keeping the events', async () => {
    const world = memoryWorld();
    world.failPublishing(true);
    await createConversation(world.deps, { callerId: 'ana', memberIds: ['bo'] });
    world.advance(60_000);
    await expect(drainOutbox(world.deps)).rejects.toThrow(/EventBridge/);
    expect(world.outbox.size).toBe(1);
  });
});

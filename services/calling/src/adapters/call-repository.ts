import { batchGetAll } from '@parley/lambda/batch-get';
import type { EntityItem } from 'electrodb';
import { type Call, type PhoneLeg, usersOf } from '../domain/model.ts';
import type { CallRepository } from '../domain/ports.ts';
import { CallExists } from '../domain/ports.ts';
import type { CallEntity } from './entities/call.ts';
import { type CallingDb, isConditionFailure } from './table.ts';

type Item = EntityItem<typeof CallEntity>;

/** Index entries outlive the ring by a day (TTL), in case nothing cleans them. */
const expiresAfterRing = (ringUntil: string) => Math.floor(Date.parse(ringUntil) / 1000) + 86_400;

function toCall(item: Item): Call {
  return {
    id: item.callId,
    kind: item.kind,
    media: item.media,
    state: item.state,
    ...(item.endReason ? { endReason: item.endReason } : {}),
    callerId: item.callerId,
    calleeId: item.calleeId,
    callerName: item.callerName,
    meetingId: item.meetingId,
    mediaRegion: item.mediaRegion,
    startedAt: item.startedAt,
    ringUntil: item.ringUntil,
    ...(item.answeredAt ? { answeredAt: item.answeredAt } : {}),
    ...(item.endedAt ? { endedAt: item.endedAt } : {}),
    ...(item.durationSeconds !== undefined ? { durationSeconds: item.durationSeconds } : {}),
    ...(item.endedBy ? { endedBy: item.endedBy } : {}),
    ...(presenceOf(item) ? { presence: presenceOf(item) } : {}),
    ...(item.phoneNumber ? { phone: phoneOf(item) } : {}),
  };
}

function phoneOf(item: Item): PhoneLeg {
  return {
    number: item.phoneNumber as string,
    local: item.localNumber ?? '',
    country: item.phoneCountry ?? null,
    ...(item.phoneCallerName ? { callerName: item.phoneCallerName } : {}),
    ...(item.transactionId ? { transactionId: item.transactionId } : {}),
    ratePerMinute: item.ratePerMinute ?? 0,
    currency: 'USD',
    billing: { firstSeconds: item.billingFirstSeconds ?? 60, nextSeconds: item.billingNextSeconds ?? 60 },
    ...(item.forwardedTo ? { forwardedTo: item.forwardedTo } : {}),
    ...(item.voicemailId ? { voicemailId: item.voicemailId } : {}),
    ...(item.costAmount !== undefined ? { cost: item.costAmount } : {}),
  };
}

/** A phone leg as item attributes. */
function phoneItem(phone: PhoneLeg | undefined): Partial<Item> {
  if (!phone) return {};
  return Object.fromEntries(
    Object.entries({
      phoneNumber: phone.number,
      localNumber: phone.local,
      phoneCountry: phone.country ?? undefined,
      phoneCallerName: phone.callerName,
      transactionId: phone.transactionId,
      ratePerMinute: phone.ratePerMinute,
      billingFirstSeconds: phone.billing.firstSeconds,
      billingNextSeconds: phone.billing.nextSeconds,
      forwardedTo: phone.forwardedTo,
      voicemailId: phone.voicemailId,
      costAmount: phone.cost,
    }).filter(([, value]) => value !== undefined),
  ) as Partial<Item>;
}

function presenceOf(item: Item): Call['presence'] {
  const caller =
    item.callerPresenceAt !== undefined
      ? { present: item.callerPresent === true, at: item.callerPresenceAt }
      : undefined;
  const callee =
    item.calleePresenceAt !== undefined
      ? { present: item.calleePresent === true, at: item.calleePresenceAt }
      : undefined;
  if (!caller && !callee) return undefined;
  return { ...(caller ? { caller } : {}), ...(callee ? { callee } : {}) };
}

/** The fields a transition may change (the rest of a call is fixed when it is placed). */
function changesOf(changes: CallChanges) {
  const { state, endReason, media, answeredAt, endedAt, durationSeconds, endedBy, phone } = changes;
  const phoneChanges = {
    transactionId: phone?.transactionId,
    voicemailId: phone?.voicemailId,
    costAmount: phone?.cost,
  };
  return Object.fromEntries(
    Object.entries({ state, endReason, media, answeredAt, endedAt, durationSeconds, endedBy, ...phoneChanges }).filter(
      ([, value]) => value !== undefined,
    ),
  ) as Partial<Item>;
}
type CallChanges = Omit<Partial<Call>, 'phone'> & { phone?: Partial<PhoneLeg> };

/** CallRepository on the calling table (electrodb). */
export function electroCallRepository(db: CallingDb): CallRepository {
  const { call: calls, callLogEntry: log, ringingCall: ringing, pairRing } = db.entities;
  return {
    async create(call) {
      const position = `${call.startedAt}#${call.id}`;
      const expiresAt = expiresAfterRing(call.ringUntil);
      const result = await db.transaction
        .write(({ call: c, callLogEntry: l, ringingCall: r, pairRing: p }) => [
          c
            .create({
              callId: call.id,
              kind: call.kind,
              media: call.media,
              state: call.state,
              callerId: call.callerId,
              calleeId: call.calleeId,
              callerName: call.callerName,
              meetingId: call.meetingId,
              mediaRegion: call.mediaRegion,
              startedAt: call.startedAt,
              ringUntil: call.ringUntil,
              ...phoneItem(call.phone),
            })
            .commit(),
          ...usersOf(call).map((userId) => l.put({ userId, position, callId: call.id }).commit()),
          r.put({ shard: 'all', ringUntil: call.ringUntil, callId: call.id, expiresAt }).commit(),
          // glare is between two people in the app
          ...(call.kind === 'app'
            ? [p.put({ callerId: call.callerId, calleeId: call.calleeId, callId: call.id, expiresAt }).commit()]
            : []),
        ])
        .go();
      if (result.canceled) {
        // the call's own item exists: the same call stored before (a retried SIP media application event)
        if (result.data[0]?.code === 'ConditionalCheckFailed') throw new CallExists(call.id);
        throw new Error(`call ${call.id} not stored: ${result.data.map((d) => d.code ?? 'None').join(', ')}`);
      }
    },

    async update(callId, changes) {
      try {
        const { data } = await calls.patch({ callId }).set(changesOf(changes)).go({ response: 'all_new' });
        return toCall(data as Item);
      } catch (err) {
        if (isConditionFailure(err)) return undefined;
        throw err;
      }
    },

    async get(callId) {
      const { data } = await calls.get({ callId }).go({ consistent: true });
      return data ? toCall(data) : undefined;
    },

    async transition(callId, from, changes) {
      try {
        const { data } = await calls
          .patch({ callId })
          .set(changesOf(changes))
          .where(({ state }, { eq }) => eq(state, from))
          .go({ response: 'all_new' });
        return toCall(data as Item);
      } catch (err) {
        if (isConditionFailure(err)) return undefined;
        throw err;
      }
    },

    async ringingBetween(callerId, calleeId) {
      const { data } = await pairRing.get({ callerId, calleeId }).go({ consistent: true });
      return data?.callId;
    },

    async ringExpiredBy(now, limit) {
      const { data } = await ringing.query.byDue({ shard: 'all' }).lt({ ringUntil: now }).go({ limit });
      return data.map((entry) => ({ id: entry.callId, ringUntil: entry.ringUntil }));
    },

    async clearRinging(call) {
      await ringing.delete({ shard: 'all', ringUntil: call.ringUntil, callId: call.id }).go({ response: 'none' });
    },

    async setPresence(callId, side, presence) {
      try {
        const update = calls.patch({ callId });
        const { data } = await (side === 'caller'
          ? update
              .set({ callerPresent: presence.present, callerPresenceAt: presence.at })
              .where(({ callerPresenceAt: at }, { notExists, lt }) => `${notExists(at)} OR ${lt(at, presence.at)}`)
          : update
              .set({ calleePresent: presence.present, calleePresenceAt: presence.at })
              .where(({ calleePresenceAt: at }, { notExists, lt }) => `${notExists(at)} OR ${lt(at, presence.at)}`)
        ).go({ response: 'all_new' });
        return toCall(data as Item);
      } catch (err) {
        if (isConditionFailure(err)) return undefined;
        throw err;
      }
    },

    async log(userId, page) {
      const query = log.query.byUser({ userId });
      const { data: entries } = await (page.before ? query.lt({ position: page.before }) : query).go({
        order: 'desc',
        limit: page.limit,
      });
      const found = await batchGetAll(
        entries.map((entry) => ({ callId: entry.callId })),
        (keys) => calls.get(keys).go({ consistent: true }),
        'calls',
      );
      const byId = new Map(found.map((item) => [item.callId, toCall(item)]));
      const last = entries.at(-1);
      return {
        calls: entries.flatMap((entry) => byId.get(entry.callId) ?? []),
        ...(last && entries.length === page.limit ? { next: last.position } : {}),
      };
    },
  };
}

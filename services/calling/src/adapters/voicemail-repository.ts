import type { EntityItem } from 'electrodb';
import type { Voicemail, VoicemailRepository } from '../domain/ports.ts';
import type { VoicemailEntity } from './entities/voicemail.ts';
import { type CallingDb, isConditionFailure } from './table.ts';

type Item = EntityItem<typeof VoicemailEntity>;

const toVoicemail = (item: Item): Voicemail => ({
  id: item.voicemailId,
  ownerId: item.ownerId,
  callId: item.callId,
  from: item.from,
  callerName: item.callerName,
  to: item.to,
  country: item.country ?? null,
  key: item.key,
  bytes: item.bytes,
  durationSeconds: item.durationSeconds,
  receivedAt: item.receivedAt,
  heard: item.heard,
});

/** VoicemailRepository on the calling table; an owner's list reads gsi1, newest first. */
export function electroVoicemails(db: CallingDb): VoicemailRepository {
  const voicemails = db.entities.voicemail;
  return {
    async create(vm) {
      try {
        await voicemails
          .create({
            voicemailId: vm.id,
            ownerId: vm.ownerId,
            callId: vm.callId,
            from: vm.from,
            callerName: vm.callerName,
            to: vm.to,
            ...(vm.country ? { country: vm.country } : {}),
            key: vm.key,
            bytes: vm.bytes,
            durationSeconds: vm.durationSeconds,
            receivedAt: vm.receivedAt,
            heard: vm.heard,
          })
          .go({ response: 'none' });
        return true;
      } catch (err) {
        if (isConditionFailure(err)) return false;
        throw err;
      }
    },

    async get(id) {
      const { data } = await voicemails.get({ voicemailId: id }).go({ consistent: true });
      return data ? toVoicemail(data) : undefined;
    },

    async list(ownerId, page) {
      const query = voicemails.query.byOwner({ ownerId });
      const { data } = await (page.before ? query.lt({ receivedAt: page.before }) : query).go({
        order: 'desc',
        limit: page.limit,
      });
      const items = data.map(toVoicemail);
      const last = items.at(-1);
      return { items, ...(last && items.length === page.limit ? { next: last.receivedAt } : {}) };
    },

    async markHeard(id) {
      try {
        const { data } = await voicemails.patch({ voicemailId: id }).set({ heard: true }).go({ response: 'all_new' });
        return toVoicemail(data as Item);
      } catch (err) {
        if (isConditionFailure(err)) return undefined;
        throw err;
      }
    },

    async delete(id) {
      await voicemails.delete({ voicemailId: id }).go({ response: 'none' });
    },

    async unheard(ownerId) {
      // an owner keeps tens of voicemails, not thousands: one page of the index counts them
      const { data } = await voicemails.query
        .byOwner({ ownerId })
        .where(({ heard }, { eq }) => eq(heard, false))
        .go({ limit: 200, pages: 'all' });
      return data.length;
    },
  };
}

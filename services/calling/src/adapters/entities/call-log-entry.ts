import { Entity } from 'electrodb';

/**
 * One call in one participant's log, in their partition ordered by `position`
 * (`<startedAt>#<callId>`, so a page ends at a position and the next starts below it). Holds only
 * the call's id: the call item stays the one source of its state.
 */
export const CallLogEntryEntity = new Entity({
  model: { entity: 'callLogEntry', version: '1', service: 'calling' },
  attributes: {
    userId: { type: 'string', required: true },
    position: { type: 'string', required: true },
    callId: { type: 'string', required: true },
  },
  indexes: {
    byUser: {
      pk: { field: 'pk', composite: ['userId'], casing: 'none' },
      sk: { field: 'sk', composite: ['position'], casing: 'none' },
    },
  },
});

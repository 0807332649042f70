import { Entity } from 'electrodb';

/**
 * What the search index holds for one message (ADR 0019), beside it in its conversation's partition:
 * sk `$searchManifest_1#seq_<000000000042>`. An edit or delete takes out the prefixes listed here.
 */
export const SearchManifestEntity = new Entity({
  model: { entity: 'searchManifest', version: '1', service: 'messaging' },
  attributes: {
    conversationId: { type: 'string', required: true },
    seq: { type: 'number', required: true, padding: { length: 12, char: '0' } },
    prefixes: { type: 'list', items: { type: 'string' }, required: true },
    /** the message version the prefixes were computed from */
    version: { type: 'number', required: true },
  },
  indexes: {
    byMessage: {
      pk: { field: 'pk', composite: ['conversationId'], casing: 'none' },
      sk: { field: 'sk', composite: ['seq'], casing: 'none' },
    },
  },
});

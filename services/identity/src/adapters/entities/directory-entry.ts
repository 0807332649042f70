// biome-ignore-all lint/suspicious/noTemplateCurlyInString: electrodb key templates are plain strings with ${attribute} placeholders
import { Entity } from 'electrodb';

/** One search term of a user (display name, later words of it, email), sharded by its first character. */
export const DirectoryEntryEntity = new Entity({
  model: { entity: 'directoryEntry', version: '1', service: 'identity' },
  attributes: {
    shard: { type: 'string', required: true },
    term: { type: 'string', required: true },
    userId: { type: 'string', required: true },
    /** all terms of this user, to report the user once per search */
    terms: { type: 'list', items: { type: 'string' }, required: true },
  },
  indexes: {
    // prefix search: begins_with(sk, term prefix) within the shard of its first character
    byTerm: {
      pk: { field: 'pk', composite: ['shard'], template: 'dir#${shard}', casing: 'none' },
      sk: { field: 'sk', composite: ['term', 'userId'], template: '${term}#${userId}', casing: 'none' },
    },
  },
});

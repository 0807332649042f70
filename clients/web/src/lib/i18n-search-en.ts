/** English strings for message search: the box above the chat list and its results. */
export const searchEn = {
  'search.label': 'Search messages',
  'search.placeholder': 'Search messages',
  'search.clear': 'Clear search',
  'search.thisChat': 'Only in this chat',
  'search.tooShort': 'Type at least 2 characters.',
  'search.loading': 'Searching…',
  'search.empty': 'No messages match',
  'search.emptyHint': 'Try fewer words, or the start of a word.',
  'search.failed': 'Search failed: {reason}',
  'search.rateLimited': 'You are searching too often. Wait a few seconds and try again.',
  'search.retry': 'Try again',
  'search.more': 'More results',
  'search.loadingMore': 'Loading more…',
  'search.results': 'Search results',
  'search.hitBy': '{name}, {time}',
};

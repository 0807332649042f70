/** English strings for consent: message requests and blocking. */
export const consentEn = {
  'request.badge': 'Request',
  'request.direct':
    '{name} is not in your contacts. They won’t see that you read this, or when you’re online, until you accept.',
  'request.group': 'Someone who is not in your contacts added you to this group. Accept to take part, or leave it.',
  'request.accept': 'Accept',
  'request.decline': 'Decline',
  'request.leave': 'Leave',
  'request.block': 'Block',
  'request.failed': 'That did not work. Try again.',
  'block.blocked': 'You blocked {name}. Neither of you can message or call the other.',
  'block.unblock': 'Unblock',
  'block.title': 'Blocked people',
  'block.description': 'They can’t message or call you, see when you’re online, or add you to groups.',
  'block.empty': 'You have not blocked anyone.',
  'block.loading': 'Loading…',
  'block.loadFailed': 'Could not load the people you blocked.',
  'block.action': 'Block',
  'error.blocked': 'You cannot message this person.',
} as const;

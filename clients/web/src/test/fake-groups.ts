import { error, json } from './fake-http.ts';

/** What these routes read and change of a stored conversation (`fake-messaging.ts`). */
interface StoredConversation {
  kind: 'direct' | 'group' | 'sms' | 'whatsapp';
  title?: string;
  memberIds: string[];
  adminIds?: string[];
  preferences?: Map<string, { muted?: boolean; archived?: boolean; pinned?: boolean }>;
}

/**
 * The group and preference routes of the fake messaging API, with the server's rules: any member
 * renames and adds, admins remove others and make admins, a member leaves, preferences are the
 * caller's own (at most 5 pinned across the conversations `all` holds). `'view'` means: answer with
 * the conversation as the caller sees it.
 */
export function groupRoute(
  c: StoredConversation,
  method: string,
  rest: string,
  // biome-ignore lint/suspicious/noExplicitAny: a test double reads whatever JSON the client sent
  body: any,
  me: string,
  all: Iterable<StoredConversation> = [],
): Response | 'view' | undefined {
  const admins = () => (c.adminIds ??= c.kind === 'group' ? [c.memberIds[0] as string] : []);
  if (method === 'PUT' && rest === '/preferences') {
    const keys = Object.keys(body ?? {});
    if (
      keys.length === 0 ||
      keys.some((k) => !['muted', 'archived', 'pinned'].includes(k) || typeof body[k] !== 'boolean')
    )
      return error(400, 'validation_failed', 'name at least one of muted, archived, pinned');
    c.preferences ??= new Map();
    const pinnedElsewhere = [...all].filter((x) => x !== c && x.preferences?.get(me)?.pinned).length;
    if (body.pinned === true && pinnedElsewhere >= 5)
      return error(422, 'too_many_pinned', 'You can pin at most 5 conversations.');
    c.preferences.set(me, { ...c.preferences.get(me), ...body });
    return 'view';
  }
  if (c.kind !== 'group') return undefined;
  if (method === 'PATCH' && rest === '') {
    c.title = body.title;
    return 'view';
  }
  if (method === 'POST' && rest === '/members') {
    for (const id of body.userIds as string[]) if (!c.memberIds.includes(id)) c.memberIds.push(id);
    return 'view';
  }
  const member = /^\/(members|admins)\/([^/]+)$/.exec(rest);
  if (!member) return undefined;
  const userId = decodeURIComponent(member[2] ?? '');
  if (!c.memberIds.includes(userId)) return error(404, 'member_not_found', 'That person is not a member.');
  if (userId !== me && !admins().includes(me)) return error(403, 'not_an_admin', 'Only an admin can do that.');
  if (method === 'DELETE' && member[1] === 'members') {
    c.memberIds = c.memberIds.filter((id) => id !== userId);
    c.adminIds = admins().filter((id) => id !== userId);
    return json(204);
  }
  if (method === 'PUT' && member[1] === 'admins') {
    c.adminIds = [...new Set([...admins(), userId])];
    return 'view';
  }
  return undefined;
}

import { PRESENCE_PUSH_MAX_MEMBERS } from '@parley/realtime/frames';
import { Info, LogOut, MoreHorizontal, ShieldCheck, UserMinus, UserPlus } from 'lucide-react';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { Alert } from '../components/ui/alert.tsx';
import { Badge } from '../components/ui/badge.tsx';
import { Button } from '../components/ui/button.tsx';
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from '../components/ui/dialog.tsx';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuTrigger,
} from '../components/ui/dropdown-menu.tsx';
import { Input } from '../components/ui/input.tsx';
import { useConversations, useDisplayName, useWorkspace } from '../lib/hooks.ts';
import { useT } from '../lib/i18n.ts';
import { navigate } from '../lib/router.ts';
import { groupErrorMessage } from './group-info-errors.ts';
import { PersonAvatar } from './person-avatar.tsx';
import { useDirectorySearch } from './use-directory-search.ts';

/**
 * A group's info panel (from the chat header): its name, which any member may change; its members
 * with presence and role; adding people (any member, as the server allows); removing people and
 * making admins (admins); leaving. Every refusal the server answers is shown in the panel.
 */
export function GroupInfo({
  conversationId,
  open,
  onOpenChange,
}: {
  conversationId: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const { t } = useT();
  const { conversations, people, me } = useWorkspace();
  const conversation = useConversations((s) => s.conversations[conversationId]);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [leaving, setLeaving] = useState(false);
  const memberIds = conversation?.memberIds;

  useEffect(() => {
    if (!open) {
      setError(undefined);
      setLeaving(false);
      return;
    }
    // the single read carries roles and read markers; presence for the dots
    void conversations.fetchConversation(conversationId).catch(() => undefined);
  }, [open, conversations, conversationId]);
  useEffect(() => {
    if (!open || !memberIds) return;
    // a group too big for presence frames (ADR 0034) asks again while its member list is shown
    return people.watchPresence(
      memberIds.filter((id) => id !== me.id),
      { repeat: memberIds.length > PRESENCE_PUSH_MAX_MEMBERS },
    );
  }, [open, memberIds, people, me]);

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await action();
    } catch (caught) {
      setError(groupErrorMessage(t, caught));
    } finally {
      setBusy(false);
    }
  };
  if (!conversation) return null;
  const admins = conversation.adminIds ?? [];
  const iAmAdmin = admins.includes(me.id);

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent closeLabel={t('common.close')} data-testid="group-info" className="max-w-md">
        <DialogHeader>
          <DialogTitle>{t('group.info')}</DialogTitle>
          <DialogDescription>{t('group.anyoneRenames')}</DialogDescription>
        </DialogHeader>
        {error ? (
          <Alert variant="destructive" data-testid="group-info-error">
            {error}
          </Alert>
        ) : null}
        <RenameForm
          key={conversation.title ?? ''}
          current={conversation.title ?? ''}
          busy={busy}
          onRename={(title) => run(() => conversations.rename(conversationId, title))}
        />
        <section aria-labelledby={`${conversationId}-members`} className="flex flex-col gap-2">
          <h3 id={`${conversationId}-members`} className="text-sm font-semibold">
            {t('group.members', { count: conversation.memberIds.length })}
          </h3>
          <ul className="flex flex-col gap-1" data-testid="group-members">
            {conversation.memberIds.map((userId) => (
              <MemberRow
                key={userId}
                userId={userId}
                isMe={userId === me.id}
                admin={admins.includes(userId)}
                canManage={iAmAdmin && userId !== me.id}
                busy={busy}
                onRemove={() => run(() => conversations.removeMember(conversationId, userId))}
                onMakeAdmin={() => run(() => conversations.makeAdmin(conversationId, userId))}
              />
            ))}
          </ul>
        </section>
        <AddPeople
          memberIds={conversation.memberIds}
          busy={busy}
          onAdd={(userId) => run(() => conversations.addMembers(conversationId, [userId]))}
        />
        {leaving ? (
          <Alert variant="warning" className="flex-col" data-testid="leave-confirm">
            <span>{t('group.leaveConfirm', { title: conversation.title ?? t('group.info') })}</span>
            <span className="flex gap-2">
              <Button size="sm" variant="outline" onClick={() => setLeaving(false)}>
                {t('group.cancel')}
              </Button>
              <Button
                size="sm"
                variant="destructive"
                disabled={busy}
                onClick={() =>
                  run(async () => {
                    await conversations.leave(conversationId);
                    onOpenChange(false);
                    navigate({ view: 'chats' });
                  })
                }
              >
                {t('group.leaveYes')}
              </Button>
            </span>
          </Alert>
        ) : (
          <Button variant="outline" className="text-destructive" onClick={() => setLeaving(true)}>
            <LogOut aria-hidden="true" />
            {t('group.leave')}
          </Button>
        )}
      </DialogContent>
    </Dialog>
  );
}

function RenameForm({
  current,
  busy,
  onRename,
}: {
  current: string;
  busy: boolean;
  onRename: (title: string) => Promise<void>;
}) {
  const { t } = useT();
  const [title, setTitle] = useState(current);
  const id = useId();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (title.trim() && title.trim() !== current) void onRename(title.trim());
  };
  return (
    <form className="flex flex-col gap-1.5" onSubmit={submit}>
      <label htmlFor={id} className="text-sm font-medium">
        {t('group.name')}
      </label>
      <div className="flex gap-2">
        <Input
          id={id}
          value={title}
          maxLength={120}
          onChange={(e) => setTitle(e.target.value)}
          data-testid="group-name-input"
        />
        <Button type="submit" disabled={busy || !title.trim() || title.trim() === current}>
          {busy ? t('group.working') : t('group.renameSave')}
        </Button>
      </div>
    </form>
  );
}

function MemberRow({
  userId,
  isMe,
  admin,
  canManage,
  busy,
  onRemove,
  onMakeAdmin,
}: {
  userId: string;
  isMe: boolean;
  admin: boolean;
  canManage: boolean;
  busy: boolean;
  onRemove: () => void;
  onMakeAdmin: () => void;
}) {
  const { t } = useT();
  const name = useDisplayName(userId);
  return (
    <li className="flex items-center gap-3 rounded-md px-1 py-1" data-testid="group-member">
      <PersonAvatar userId={userId} className="size-8" />
      <span className="min-w-0 flex-1 truncate text-sm">
        {name}
        {isMe ? <span className="text-muted-foreground"> ({t('group.you')})</span> : null}
      </span>
      {admin ? (
        <Badge variant="soft" data-testid="admin-badge">
          {t('group.admin')}
        </Badge>
      ) : null}
      {canManage ? (
        <DropdownMenu>
          <DropdownMenuTrigger asChild>
            <Button variant="ghost" size="icon-sm" aria-label={t('group.memberActions', { name })} disabled={busy}>
              <MoreHorizontal aria-hidden="true" />
            </Button>
          </DropdownMenuTrigger>
          <DropdownMenuContent align="end">
            {admin ? null : (
              <DropdownMenuItem onSelect={onMakeAdmin}>
                <ShieldCheck aria-hidden="true" />
                {t('group.makeAdmin')}
              </DropdownMenuItem>
            )}
            <DropdownMenuItem variant="destructive" onSelect={onRemove}>
              <UserMinus aria-hidden="true" />
              {t('group.removeWho', { name })}
            </DropdownMenuItem>
          </DropdownMenuContent>
        </DropdownMenu>
      ) : null}
    </li>
  );
}

function AddPeople({
  memberIds,
  busy,
  onAdd,
}: {
  memberIds: readonly string[];
  busy: boolean;
  onAdd: (userId: string) => Promise<void>;
}) {
  const { t } = useT();
  const [query, setQuery] = useState('');
  const { results, loading, error } = useDirectorySearch(query);
  const id = useId();
  return (
    <section className="flex flex-col gap-1.5">
      <label htmlFor={id} className="text-sm font-semibold">
        {t('group.add')}
      </label>
      <Input
        id={id}
        type="search"
        value={query}
        placeholder={t('group.addSearch')}
        onChange={(e) => setQuery(e.target.value)}
        data-testid="group-add-search"
      />
      {query.trim() && loading ? <p className="text-xs text-muted-foreground">{t('group.searching')}</p> : null}
      {error ? <p className="text-xs text-destructive">{groupErrorMessage(t, error)}</p> : null}
      {query.trim() && !loading && !error && results.length === 0 ? (
        <p className="text-xs text-muted-foreground">{t('group.noMatches')}</p>
      ) : null}
      <ul className="flex flex-col gap-1">
        {results.map((p) => {
          const inGroup = memberIds.includes(p.id);
          return (
            <li key={p.id} className="flex items-center gap-3 px-1 py-1" data-testid="group-add-result">
              <PersonAvatar userId={p.id} className="size-8" />
              <span className="min-w-0 flex-1 truncate text-sm">{p.displayName}</span>
              {inGroup ? (
                <span className="text-xs text-muted-foreground">{t('group.alreadyIn')}</span>
              ) : (
                <Button
                  size="sm"
                  variant="outline"
                  disabled={busy}
                  aria-label={t('group.addOne', { name: p.displayName })}
                  onClick={() => void onAdd(p.id).then(() => setQuery(''))}
                >
                  <UserPlus aria-hidden="true" />
                  {/* the visible word is part of the name ("Add Dee"): WCAG 2.5.3, label in name */}
                  {t('group.addButton')}
                </Button>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** The chat header's button that opens a group's info panel. */
export function GroupInfoButton({ conversationId }: { conversationId: string }) {
  const { t } = useT();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        variant="ghost"
        size="icon-sm"
        onClick={() => setOpen(true)}
        aria-label={t('group.info')}
        title={t('group.info')}
        data-testid="group-info-button"
      >
        <Info aria-hidden="true" />
      </Button>
      <GroupInfo conversationId={conversationId} open={open} onOpenChange={setOpen} />
    </>
  );
}

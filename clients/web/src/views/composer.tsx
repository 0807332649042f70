import { FileText, Paperclip, Pencil, Reply, SendHorizontal, X } from 'lucide-react';
import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { Alert } from '../components/ui/alert.tsx';
import { Button } from '../components/ui/button.tsx';
import { readDraft, saveDraft } from '../lib/drafts.ts';
import { sendErrorMessage } from '../lib/errors.ts';
import { useConversations, useDisplayName, useWorkspace } from '../lib/hooks.ts';
import { useT } from '../lib/i18n.ts';
import { type Attachment, isTextKind, type Message } from '../lib/model.ts';
import { uploadAttachment } from '../lib/upload.ts';
import { cn } from '../lib/utils.ts';

/** The server's limit on a message's text (services/messaging: `maxTextLength`). */
const MAX_TEXT = 4000;
/** from here on the composer counts the characters */
const COUNT_FROM = 3500;

interface Upload {
  key: string;
  file: File;
  preview?: string;
  progress: number;
  attachment?: Attachment;
  failed?: boolean;
}

/**
 * Writes, edits and replies; uploads attachments as soon as they are picked, with progress. What is
 * written and not sent stays as the conversation's draft (switching chats, reloading).
 */
export function Composer({
  conversationId,
  replyTo,
  editing,
  onDone,
}: {
  conversationId: string;
  replyTo?: Message;
  editing?: Message;
  onDone: () => void;
}) {
  const { conversations, messaging, me } = useWorkspace();
  const texting = useConversations((s) => isTextKind(s.conversations[conversationId]?.kind));
  const { t } = useT();
  const [text, setText] = useState(() => readDraft(me.id, conversationId));
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [error, setError] = useState<unknown>();
  const area = useRef<HTMLTextAreaElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const hintId = useId();
  const replyName = useDisplayName(replyTo?.senderId);

  useEffect(() => {
    if (editing) setText(editing.text);
    if (editing || replyTo) area.current?.focus();
  }, [editing, replyTo]);

  // An edit is not a draft: the draft waits in storage until the edit is done.
  useEffect(() => {
    if (!editing) saveDraft(me.id, conversationId, text);
  }, [me.id, conversationId, text, editing]);

  /** Leaves an edit or a reply: back to the draft after an edit, an empty box after a reply. */
  const leave = () => setText(editing ? readDraft(me.id, conversationId) : '');

  // biome-ignore lint/correctness/useExhaustiveDependencies: the text is the trigger (grow the box as it changes)
  useEffect(() => {
    const el = area.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${Math.min(el.scrollHeight, 160)}px`;
  }, [text]);

  const patchUpload = (key: string, patch: Partial<Upload>) =>
    setUploads((list) => list.map((u) => (u.key === key ? { ...u, ...patch } : u)));

  function pick(files: FileList | null) {
    if (texting) return;
    for (const file of Array.from(files ?? [])) {
      const key = crypto.randomUUID();
      const preview = file.type.startsWith('image/') ? URL.createObjectURL(file) : undefined;
      setUploads((list) => [...list, { key, file, preview, progress: 0 }]);
      uploadAttachment(messaging, conversationId, file, (progress) => patchUpload(key, { progress }))
        .then((attachment) => patchUpload(key, { attachment, progress: 1 }))
        .catch((caught) => {
          patchUpload(key, { failed: true });
          setError(caught);
        });
    }
    if (fileInput.current) fileInput.current.value = '';
  }

  const uploading = uploads.some((u) => !u.attachment && !u.failed);
  const ready = uploads.flatMap((u) => u.attachment ?? []);
  const tooLong = text.length > MAX_TEXT;
  const canSend = !uploading && !tooLong && (text.trim().length > 0 || ready.length > 0);

  async function submit() {
    if (!canSend) return;
    const body = text.trim();
    setError(undefined);
    if (editing) {
      try {
        await conversations.edit(conversationId, editing.id, body);
        leave();
        onDone();
      } catch (caught) {
        setError(caught);
      }
      return;
    }
    // The message is in the outbox (shown as pending) from here on: the box is free for the next
    // one at once. Nothing after the send touches the box or the reply target, which by then may
    // hold what the person wrote next.
    setText('');
    saveDraft(me.id, conversationId, '');
    setUploads([]);
    for (const u of uploads) if (u.preview) URL.revokeObjectURL(u.preview);
    onDone();
    try {
      await conversations.send(conversationId, { text: body, attachments: ready, replyTo });
    } catch (caught) {
      setError(caught);
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void submit();
    } else if (event.key === 'Escape' && (editing || replyTo)) {
      leave();
      onDone();
    }
  }

  return (
    <div className="border-t bg-background px-3 pt-2 pb-[max(0.75rem,env(safe-area-inset-bottom))] md:px-6">
      <div className="mx-auto flex max-w-3xl flex-col gap-2">
        {error ? (
          <Alert variant="destructive" className="py-1.5">
            {sendErrorMessage(t, error)}
          </Alert>
        ) : null}
        {replyTo || editing ? (
          <div className="flex items-center gap-2 rounded-md border-l-4 border-primary bg-muted px-3 py-1.5 text-sm">
            {editing ? (
              <Pencil className="size-4 text-primary" aria-hidden="true" />
            ) : (
              <Reply className="size-4 text-primary" aria-hidden="true" />
            )}
            <div className="min-w-0 flex-1">
              <p className="font-medium">{editing ? t('chat.editing') : t('chat.replyingTo', { name: replyName })}</p>
              {replyTo ? <p className="truncate text-muted-foreground">{replyTo.text}</p> : null}
            </div>
            <Button
              variant="ghost"
              size="icon-sm"
              aria-label={t('chat.cancel')}
              onClick={() => {
                leave();
                onDone();
              }}
            >
              <X aria-hidden="true" />
            </Button>
          </div>
        ) : null}
        {uploads.length ? (
          <ul className="flex flex-wrap gap-2" aria-label={t('chat.attach')}>
            {uploads.map((u) => (
              <li
                key={u.key}
                className="relative flex w-44 items-center gap-2 rounded-lg border bg-subtle p-1.5 pr-8 text-xs"
              >
                {u.preview ? (
                  <img src={u.preview} alt="" className="size-10 rounded object-cover" />
                ) : (
                  <FileText className="size-6 text-muted-foreground" aria-hidden="true" />
                )}
                <div className="min-w-0 flex-1">
                  <p className="truncate font-medium">{u.file.name}</p>
                  <div
                    className="mt-1 h-1.5 overflow-hidden rounded-full bg-muted"
                    role="progressbar"
                    aria-label={t('chat.uploading', { name: u.file.name, percent: Math.round(u.progress * 100) })}
                    aria-valuemin={0}
                    aria-valuemax={100}
                    aria-valuenow={Math.round(u.progress * 100)}
                  >
                    <div
                      className={cn(
                        'h-full rounded-full transition-[width]',
                        u.failed ? 'bg-destructive' : 'bg-primary',
                      )}
                      style={{ width: `${Math.round(u.progress * 100)}%` }}
                    />
                  </div>
                </div>
                <Button
                  variant="ghost"
                  size="icon-sm"
                  className="absolute top-1 right-0.5 size-7"
                  aria-label={t('chat.removeAttachment', { name: u.file.name })}
                  onClick={() => setUploads((list) => list.filter((x) => x.key !== u.key))}
                >
                  <X aria-hidden="true" />
                </Button>
              </li>
            ))}
          </ul>
        ) : null}
        <form
          className="flex items-end gap-2"
          onSubmit={(event) => {
            event.preventDefault();
            void submit();
          }}
        >
          <input
            ref={fileInput}
            type="file"
            multiple
            className="sr-only"
            tabIndex={-1}
            aria-hidden="true"
            onChange={(event) => pick(event.target.files)}
            data-testid="file-input"
          />
          {editing ? null : texting ? (
            // a phone gets text only (ADR 0028): the button stays, disabled, and says why on hover
            <span title={t('texting.noAttachments')} data-testid="attach-unavailable">
              <Button variant="ghost" size="icon" aria-label={t('texting.noAttachments')} disabled>
                <Paperclip aria-hidden="true" />
              </Button>
            </span>
          ) : (
            <Button
              variant="ghost"
              size="icon"
              aria-label={t('chat.attach')}
              title={t('chat.attach')}
              onClick={() => fileInput.current?.click()}
            >
              <Paperclip aria-hidden="true" />
            </Button>
          )}
          <label className="sr-only" htmlFor={`${hintId}-input`}>
            {t('chat.composer')}
          </label>
          <textarea
            id={`${hintId}-input`}
            ref={area}
            rows={1}
            value={text}
            onChange={(event) => {
              setText(event.target.value);
              if (event.target.value) conversations.notifyTyping(conversationId);
            }}
            onKeyDown={onKeyDown}
            placeholder={t('chat.composer')}
            aria-describedby={text.length >= COUNT_FROM ? `${hintId} ${hintId}-count` : hintId}
            aria-invalid={tooLong || undefined}
            className="max-h-40 min-h-10 flex-1 resize-none rounded-2xl border border-input bg-subtle px-4 py-2 text-[0.9375rem] leading-6 placeholder:text-muted-foreground focus-visible:border-ring focus-visible:bg-background focus-visible:ring-2 focus-visible:ring-ring/30 focus-visible:outline-none"
            data-testid="composer"
          />
          <span id={hintId} className="sr-only">
            {t('chat.composerHint')}
          </span>
          {text.length >= COUNT_FROM ? <CharacterCount id={`${hintId}-count`} length={text.length} /> : null}
          <Button
            type="submit"
            size="icon"
            className="rounded-full"
            disabled={!canSend}
            aria-label={editing ? t('chat.save') : t('chat.send')}
            title={editing ? t('chat.save') : t('chat.send')}
          >
            <SendHorizontal aria-hidden="true" />
          </Button>
        </form>
      </div>
    </div>
  );
}

/** "3,812 / 4,000" beside the box from 3,500 characters on; red, with how many too many, beyond the limit. */
function CharacterCount({ id, length }: { id: string; length: number }) {
  const { t, locale } = useT();
  const over = length - MAX_TEXT;
  const n = (value: number) => value.toLocaleString(locale);
  // "1 character", never "1 characters": the one-count strings are whole sentences of their own
  const countText = (diff: number) => {
    if (diff === 1) return t('reading.tooLongOne');
    if (diff > 0) return t('reading.tooLong', { over: n(diff) });
    if (diff === -1) return t('reading.countHintOne');
    return t('reading.countHint', { left: n(-diff) });
  };
  return (
    <span
      id={id}
      className={cn(
        'shrink-0 self-center text-xs tabular-nums',
        over > 0 ? 'font-semibold text-destructive' : 'text-muted-foreground',
      )}
      data-testid="char-count"
      data-over={over > 0 ? 'true' : undefined}
    >
      {t('reading.count', { count: n(length), max: n(MAX_TEXT) })}
      <span className="sr-only">
        {' · '}
        {countText(over)}
      </span>
    </span>
  );
}

import { Copy, Info, MoreHorizontal, Pencil, Reply, SmilePlus, Trash2 } from 'lucide-react';
import { type PointerEvent, useRef, useState } from 'react';
import { Button } from '../components/ui/button.tsx';
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from '../components/ui/dialog.tsx';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuTrigger,
} from '../components/ui/dropdown-menu.tsx';
import { Popover, PopoverContent, PopoverTrigger } from '../components/ui/popover.tsx';
import { useConversations } from '../lib/hooks.ts';
import { useT } from '../lib/i18n.ts';
import type { Message } from '../lib/model.ts';
import { MessageInfoDialog } from './message-info.tsx';

export const QUICK_REACTIONS = ['👍', '❤️', '😂', '🎉', '😮', '🙏'] as const;

/** How long a finger rests on a message before its menu opens; moving further than `SLOP_PX` cancels. */
export const LONG_PRESS_MS = 500;
const SLOP_PX = 10;

/**
 * Long-press for touch: handlers for the bubble. The browser's own menu for that press (Android's
 * `contextmenu`, iOS's callout) is suppressed; a mouse right-click keeps the browser's menu.
 */
export function useLongPress(onLongPress: () => void) {
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const start = useRef<{ x: number; y: number }>(undefined);
  const touching = useRef(false);
  const cancel = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = undefined;
    start.current = undefined;
  };
  return {
    onPointerDown: (e: PointerEvent) => {
      if (e.pointerType !== 'touch') return;
      cancel();
      touching.current = true;
      start.current = { x: e.clientX, y: e.clientY };
      timer.current = setTimeout(() => {
        timer.current = undefined;
        onLongPress();
      }, LONG_PRESS_MS);
    },
    onPointerMove: (e: PointerEvent) => {
      const from = start.current;
      if (from && Math.hypot(e.clientX - from.x, e.clientY - from.y) > SLOP_PX) cancel();
    },
    onPointerUp: cancel,
    onPointerCancel: () => {
      cancel();
      touching.current = false;
    },
    onContextMenu: (e: { preventDefault: () => void }) => {
      if (!touching.current) return;
      e.preventDefault();
      touching.current = false;
    },
  };
}

interface ActionsProps {
  message: Message;
  mine: boolean;
  /** the actions menu, opened from its button, a long-press or the context-menu key */
  menuOpen: boolean;
  onMenuOpen: (open: boolean) => void;
  onReact: (emoji: string) => void;
  onReply: (m: Message) => void;
  onEdit: (m: Message) => void;
  onDelete: (m: Message) => void;
}

/**
 * A sent message's actions: react and reply at hand (on hover or focus), everything in the menu;
 * in a group, "Info" shows who has read it.
 */
export function MessageActions({
  message: m,
  mine,
  menuOpen,
  onMenuOpen,
  onReact,
  onReply,
  onEdit,
  onDelete,
}: ActionsProps) {
  const { t } = useT();
  const [reacting, setReacting] = useState(false);
  const [info, setInfo] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  // The menu is not modal (components/ui/dropdown-menu.tsx), so focus leaving it closes it; a finger
  // lifted after a long-press focuses the message itself, which must not close the menu it opened.
  const keepOpenOnOwnMessage = (e: { target: EventTarget | null; preventDefault: () => void }) => {
    const message = root.current?.closest('[data-testid="message"]');
    if (message && e.target instanceof Node && message.contains(e.target)) e.preventDefault();
  };
  const group = useConversations((s) => s.conversations[m.conversationId]?.kind === 'group');
  const copy = () => void navigator.clipboard?.writeText(m.text ?? '').catch(() => undefined);
  return (
    <div
      ref={root}
      className="flex shrink-0 items-center opacity-0 transition-opacity group-hover:opacity-100 group-focus-visible:opacity-100 focus-within:opacity-100 has-[[data-state=open]]:opacity-100"
    >
      <Popover open={reacting} onOpenChange={setReacting}>
        <PopoverTrigger asChild>
          <Button variant="ghost" size="icon-sm" aria-label={t('chat.react')} title={t('chat.react')}>
            <SmilePlus aria-hidden="true" />
          </Button>
        </PopoverTrigger>
        <PopoverContent className="flex gap-1 rounded-full p-1" side="top">
          {QUICK_REACTIONS.map((emoji) => (
            <button
              key={emoji}
              type="button"
              className="rounded-full p-1.5 text-lg leading-none hover:bg-muted focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
              onClick={() => {
                setReacting(false);
                onReact(emoji);
              }}
              aria-label={emoji}
            >
              {emoji}
            </button>
          ))}
        </PopoverContent>
      </Popover>
      <Button
        variant="ghost"
        size="icon-sm"
        aria-label={t('chat.reply')}
        title={t('chat.reply')}
        onClick={() => onReply(m)}
      >
        <Reply aria-hidden="true" />
      </Button>
      <DropdownMenu open={menuOpen} onOpenChange={onMenuOpen}>
        <DropdownMenuTrigger asChild>
          <Button variant="ghost" size="icon-sm" aria-label={t('chat.moreActions')} title={t('chat.moreActions')}>
            <MoreHorizontal aria-hidden="true" />
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent
          align={mine ? 'end' : 'start'}
          data-testid="message-menu"
          onFocusOutside={keepOpenOnOwnMessage}
        >
          <div className="flex gap-0.5 pb-1">
            {QUICK_REACTIONS.map((emoji) => (
              <DropdownMenuItem
                key={emoji}
                className="justify-center px-1.5 text-lg leading-none"
                aria-label={emoji}
                onSelect={() => onReact(emoji)}
              >
                {emoji}
              </DropdownMenuItem>
            ))}
          </div>
          <DropdownMenuItem onSelect={() => onReply(m)}>
            <Reply aria-hidden="true" />
            {t('chat.reply')}
          </DropdownMenuItem>
          {m.text ? (
            <DropdownMenuItem onSelect={copy}>
              <Copy aria-hidden="true" />
              {t('chat.copy')}
            </DropdownMenuItem>
          ) : null}
          {group ? (
            <DropdownMenuItem onSelect={() => setInfo(true)} data-testid="message-info-item">
              <Info aria-hidden="true" />
              {t('info.open')}
            </DropdownMenuItem>
          ) : null}
          {mine && m.text ? (
            <DropdownMenuItem onSelect={() => onEdit(m)}>
              <Pencil aria-hidden="true" />
              {t('chat.edit')}
            </DropdownMenuItem>
          ) : null}
          {mine ? (
            <DropdownMenuItem variant="destructive" onSelect={() => onDelete(m)}>
              <Trash2 aria-hidden="true" />
              {t('chat.delete')}
            </DropdownMenuItem>
          ) : null}
        </DropdownMenuContent>
      </DropdownMenu>
      {group ? <MessageInfoDialog message={m} open={info} onOpenChange={setInfo} /> : null}
    </div>
  );
}

/** "Delete this message?" with Cancel and Delete; `onConfirm` runs only on Delete. */
export function DeleteMessageDialog({
  open,
  onClose,
  onConfirm,
  onClosed,
}: {
  open: boolean;
  onClose: () => void;
  onConfirm: () => void;
  /** where focus goes after the dialog (the menu it came from is gone) */
  onClosed: () => void;
}) {
  const { t } = useT();
  return (
    <Dialog open={open} onOpenChange={(next) => !next && onClose()}>
      <DialogContent
        closeLabel={t('common.close')}
        role="alertdialog"
        onCloseAutoFocus={(e) => {
          e.preventDefault();
          onClosed();
        }}
      >
        <DialogHeader>
          <DialogTitle>{t('chat.deleteTitle')}</DialogTitle>
          <DialogDescription>{t('chat.deleteLead')}</DialogDescription>
        </DialogHeader>
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <Button variant="outline" onClick={onClose}>
            {t('chat.deleteCancel')}
          </Button>
          <Button
            variant="destructive"
            data-testid="confirm-delete-message"
            onClick={() => {
              onConfirm();
              onClose();
            }}
          >
            {t('chat.deleteConfirm')}
          </Button>
        </div>
      </DialogContent>
    </Dialog>
  );
}

import type { EventData } from '@parley/events/define-event';
import type { MessageEdited, MessageSent } from '@parley/events/messaging';
import { LIMITS, listPreview, type Message } from './model.ts';

/** The full text when it fits comfortably in a WebSocket frame, else only the preview (clients re-fetch). */
function inlineText(text: string): { text?: string; truncated: boolean } {
  if (Buffer.byteLength(text, 'utf8') <= LIMITS.maxInlineTextBytes) return { text, truncated: false };
  return { truncated: true };
}

export function messageSentData(message: Message): EventData<typeof MessageSent> {
  const text = message.text ?? '';
  return {
    conversationId: message.conversationId,
    messageId: message.id,
    seq: message.seq,
    senderId: message.senderId,
    clientMessageId: message.clientMessageId,
    sentAt: message.sentAt,
    preview: listPreview(message),
    ...inlineText(text),
    attachments: message.attachments,
    ...(message.replyTo ? { replyTo: message.replyTo } : {}),
  };
}

export function messageEditedData(message: Message, editedAt: string): EventData<typeof MessageEdited> {
  const text = message.text ?? '';
  return {
    conversationId: message.conversationId,
    messageId: message.id,
    seq: message.seq,
    senderId: message.senderId,
    editedAt,
    preview: listPreview(message),
    ...inlineText(text),
  };
}

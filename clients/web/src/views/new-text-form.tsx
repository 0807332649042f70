import { useId, useState } from 'react';
import { Alert } from '../components/ui/alert.tsx';
import { Button } from '../components/ui/button.tsx';
import { Input } from '../components/ui/input.tsx';
import { ApiError } from '../lib/api-client.ts';
import { errorMessage } from '../lib/errors.ts';
import { useWorkspace } from '../lib/hooks.ts';
import { type Translate, useT } from '../lib/i18n.ts';
import { countryName } from '../lib/numbers-format.ts';
import { parseNumber } from '../lib/phone-format.ts';
import { navigate } from '../lib/router.ts';
import { cn } from '../lib/utils.ts';

type Channel = 'sms' | 'whatsapp';
const CHANNELS: Channel[] = ['sms', 'whatsapp'];

/** Why a text conversation could not start, for the person in front of the screen. */
function textStartError(t: Translate, error: unknown): string {
  if (error === 'bad_number') return t('texting.badNumber');
  if (error instanceof ApiError) {
    if (error.code === 'no_parley_number') return t('texting.noParleyNumber');
    if (error.status === 400) return t('texting.badNumber');
  }
  return errorMessage(t, error);
}

/**
 * "New text message": a phone number (a national one is read in my country, as the dial pad reads
 * it) sent as E.164, and SMS or WhatsApp; opens the conversation with that number (ADR 0028).
 */
export function NewTextForm({ onStarted }: { onStarted: () => void }) {
  const { t, locale } = useT();
  const { conversations, dialPad } = useWorkspace();
  const [input, setInput] = useState('');
  const [channel, setChannel] = useState<Channel>('sms');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const id = useId();
  const country = dialPad.defaultCountry();

  async function start() {
    const parsed = parseNumber(input, country);
    if (!parsed.e164 || !parsed.valid) {
      setError('bad_number');
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const conversation = await conversations.startTextConversation(channel, parsed.e164);
      onStarted();
      navigate({ view: 'chats', conversationId: conversation.id });
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="flex flex-col gap-4"
      data-testid="new-text-form"
      onSubmit={(event) => {
        event.preventDefault();
        void start();
      }}
    >
      {error ? (
        <Alert variant="destructive" data-testid="new-text-error">
          {textStartError(t, error)}
        </Alert>
      ) : null}
      <div className="flex flex-col gap-2">
        <label htmlFor={`${id}-number`} className="text-sm font-medium">
          {t('texting.number')}
        </label>
        <Input
          id={`${id}-number`}
          type="tel"
          inputMode="tel"
          autoComplete="tel"
          value={input}
          onChange={(e) => setInput(e.target.value)}
          aria-describedby={`${id}-hint`}
          aria-invalid={error === 'bad_number' || undefined}
          autoFocus
          data-testid="text-number"
        />
        <p id={`${id}-hint`} className="text-xs text-muted-foreground">
          {country ? t('texting.numberHint', { country: countryName(country, locale) }) : t('texting.numberHintAny')}
        </p>
      </div>
      <fieldset className="flex flex-wrap items-center gap-2">
        <legend className="mb-2 text-sm font-medium">{t('texting.channel')}</legend>
        {CHANNELS.map((value) => (
          <label
            key={value}
            className={cn(
              'flex h-9 cursor-pointer items-center gap-2 rounded-md border border-input bg-background px-3 text-sm font-medium text-foreground transition-colors hover:bg-muted has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-ring',
              channel === value && 'border-primary bg-primary-soft text-primary-soft-foreground hover:bg-primary-soft',
            )}
          >
            <input
              type="radio"
              name={`${id}-channel`}
              value={value}
              checked={channel === value}
              onChange={() => setChannel(value)}
              className="sr-only"
              data-testid={`text-channel-${value}`}
            />
            {value === 'sms' ? t('texting.sms') : t('texting.whatsapp')}
          </label>
        ))}
      </fieldset>
      <div className="flex justify-end">
        <Button type="submit" disabled={!input.trim() || busy} data-testid="start-text">
          {busy ? t('texting.starting') : t('texting.start')}
        </Button>
      </div>
    </form>
  );
}

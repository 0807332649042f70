import { useT } from '../lib/i18n.ts';

/** Moves the focus to `el`, making it focusable by script if it is not already. */
function focusInto(el: HTMLElement | null | undefined): boolean {
  if (!el) return false;
  if (!el.hasAttribute('tabindex') && !/^(A|BUTTON|INPUT|TEXTAREA|SELECT)$/.test(el.tagName)) {
    el.setAttribute('tabindex', '-1');
  }
  el.focus();
  return document.activeElement === el;
}

/**
 * The first stop of the Tab key, visible only when focused: past the navigation, into the open
 * conversation's composer (or, with none open, into the screen's content). Hash routing owns
 * the URL's fragment, so the link moves the focus itself.
 */
export function SkipLink({ chatOpen }: { chatOpen: boolean }) {
  const { t } = useT();
  return (
    <a
      href={chatOpen ? '#conversation' : '#content'}
      onClick={(event) => {
        event.preventDefault();
        const chat = document.getElementById('conversation');
        if (chat && focusInto(chat.querySelector<HTMLElement>('[data-testid="composer"]'))) return;
        if (focusInto(chat)) return;
        focusInto(document.querySelector<HTMLElement>('main, [data-skip-target], h1'));
      }}
      className="sr-only z-50 rounded-md bg-primary px-4 py-2 font-medium text-primary-foreground focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
      data-testid="skip-link"
    >
      {chatOpen ? t('reading.skipToConversation') : t('reading.skipToContent')}
    </a>
  );
}

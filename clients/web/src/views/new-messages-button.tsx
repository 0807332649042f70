import { ArrowDown } from 'lucide-react';
import { Button } from '../components/ui/button.tsx';
import { useT } from '../lib/i18n.ts';

/** "3 new messages ↓": shown over the list while the person reads further up and messages arrive below. */
export function NewMessagesButton({ count, onClick }: { count: number; onClick: () => void }) {
  const { t } = useT();
  const label = count === 1 ? t('reading.newOne') : t('reading.new', { count });
  return (
    <div className="pointer-events-none absolute inset-x-0 bottom-3 z-10 flex justify-center">
      <Button
        size="sm"
        className="pointer-events-auto rounded-full shadow-md"
        onClick={onClick}
        data-testid="new-messages-button"
      >
        {label}
        <ArrowDown aria-hidden="true" />
      </Button>
    </div>
  );
}

import { Badge } from '../components/ui/badge.tsx';
import { useT } from '../lib/i18n.ts';

/** "SMS" / "WhatsApp" beside the phone number of a text conversation. */
export function TextChannelBadge({ kind }: { kind: 'sms' | 'whatsapp' }) {
  const { t } = useT();
  return (
    <Badge variant="outline" className="shrink-0 px-1.5 py-0 text-[0.625rem]" data-testid="text-channel-badge">
      {kind === 'sms' ? t('texting.sms') : t('texting.whatsapp')}
    </Badge>
  );
}

import { useTranslation } from 'react-i18next';
import { formatDateTime } from '@/components/ui/format';

/** When the figures on a page were last brought up to date (every figure from the API carries `computed_at`). */
export function ComputedAt({ computedAt }: { computedAt: string | null }) {
  const { t } = useTranslation();
  return (
    <span className="muted" data-testid="computed-at">
      {computedAt ? t('analytics.computedAt', { time: formatDateTime(computedAt) }) : t('analytics.notComputed')}
    </span>
  );
}

import { useTranslation } from 'react-i18next';

import { formatDateTime } from '@/lib/format';

/** How fresh the figures beside it are: "Stand: …" from the API's computed_at. */
export function AsOf({ computedAt }: { computedAt: string | null | undefined }) {
  const { t } = useTranslation();
  if (computedAt === undefined) return null;
  return (
    <span className="muted as-of" data-testid="as-of">
      {computedAt === null ? t('analytics.asOfNever') : t('analytics.asOf', { time: formatDateTime(computedAt) })}
    </span>
  );
}

import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { Icon } from '@/components/ui/icons';
import { paths } from '@/config/paths';
import { useCurrentGuideline } from '@/features/guidelines/api/guidelines';

/** A published guideline the person has not accepted yet (sharing waits for it); nothing otherwise. */
export function PendingGuideline() {
  const { t, i18n } = useTranslation();
  const current = useCurrentGuideline();
  const guideline = current.data?.guideline;
  if (!guideline || current.data?.accepted) return null;
  const title = i18n.language.startsWith('en') ? guideline.title_en : guideline.title_de;
  return (
    <div className="alert alert--warning start-guideline" role="status" data-testid="start-guideline">
      <Icon name="alert" />
      <p>
        {t('start.guideline.text', { title, version: guideline.version })}{' '}
        <Link to={paths.guidelines}>{t('start.guideline.link')}</Link>
      </p>
    </div>
  );
}

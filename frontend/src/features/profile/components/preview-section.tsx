import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { ExpertDetail } from '@/components/experts/expert-detail';
import { Button } from '@/components/ui/button';
import { ErrorAlert } from '@/components/ui/error-alert';
import { Card } from '@/components/ui/page';
import { Spinner } from '@/components/ui/spinner';
import { paths } from '@/config/paths';
import { useProfilePreview, type PreviewAudience } from '@/features/profile/api/profile';

/** The profile exactly as a colleague or a visitor sees it, through the public page's component. */
export function PreviewSection() {
  const { t } = useTranslation();
  const [audience, setAudience] = useState<PreviewAudience | null>(null);
  const preview = useProfilePreview(audience);

  return (
    <Card title={t('profile.preview.title')}>
      <div className="form__actions">
        <Button variant="secondary" aria-pressed={audience === 'internal'} onClick={() => setAudience('internal')}>
          {t('profile.preview.internal')}
        </Button>
        <Button variant="secondary" aria-pressed={audience === 'public'} onClick={() => setAudience('public')}>
          {t('profile.preview.public')}
        </Button>
        {audience && (
          <Button variant="link" onClick={() => setAudience(null)}>
            {t('profile.preview.close')}
          </Button>
        )}
      </div>
      {audience && (
        <section className="preview" aria-label={t(audience === 'public' ? 'profile.preview.publicLabel' : 'profile.preview.internalLabel')}>
          {preview.isPending && <Spinner />}
          <ErrorAlert error={preview.error} />
          {preview.data && (
            <ExpertDetail expert={{ ...preview.data, contactable: false }} expertPath={paths.directoryExpert} titleLevel={2} />
          )}
        </section>
      )}
    </Card>
  );
}

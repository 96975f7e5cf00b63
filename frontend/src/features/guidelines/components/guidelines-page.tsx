import { useTranslation } from 'react-i18next';

import { Button } from '@/components/ui/button';
import { ErrorAlert } from '@/components/ui/error-alert';
import { formatDateTime } from '@/components/ui/format';
import { Card, EmptyState, PageHeader } from '@/components/ui/page';
import { SafeHtml } from '@/components/ui/safe-html';
import { RICH_TEXT_TAGS } from '@/components/ui/sanitize';
import { Spinner } from '@/components/ui/spinner';
import { useAcceptGuideline, useCurrentGuideline } from '@/features/guidelines/api/guidelines';
import { useDocumentTitle } from '@/lib/use-document-title';

/** The current social-media guidelines in the reader's language, and accepting them. */
export function GuidelinesPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('guidelines.title'));
  const current = useCurrentGuideline();
  const accept = useAcceptGuideline();
  const guideline = current.data?.guideline;
  const accepted = current.data?.accepted ?? false;
  const acceptedAt = current.data?.accepted_at ?? null;
  const english = i18n.language === 'en';
  return (
    <>
      <PageHeader title={t('guidelines.title')} description={t('guidelines.description')} />
      <ErrorAlert error={current.error} />
      {current.isPending && <Spinner />}
      {current.data && !guideline && <EmptyState>{t('guidelines.none')}</EmptyState>}
      {guideline && (
        <Card title={`${english ? guideline.title_en : guideline.title_de} (${t('guidelines.version', { version: guideline.version })})`}>
          <SafeHtml as="div" className="prose" html={english ? guideline.text_en : guideline.text_de} allowedTags={RICH_TEXT_TAGS} />
          {accepted ? (
            <p className="alert alert--success" role="status">
              {acceptedAt
                ? t('guidelines.acceptedAt', { date: formatDateTime(acceptedAt) })
                : t('guidelines.accepted')}
            </p>
          ) : (
            <div className="form__actions">
              <p className="alert alert--warning">{t('guidelines.mustAccept')}</p>
              <Button isPending={accept.isPending} onClick={() => accept.mutate(guideline.id)}>
                {t('guidelines.accept')}
              </Button>
            </div>
          )}
          <ErrorAlert error={accept.error} />
        </Card>
      )}
    </>
  );
}

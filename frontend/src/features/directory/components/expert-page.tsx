import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';

import { ExpertDetail } from '@/components/experts/expert-detail';
import { ErrorAlert } from '@/components/ui/error-alert';
import { Spinner } from '@/components/ui/spinner';
import { paths } from '@/config/paths';
import { useExpert } from '@/features/directory/api/get-expert';
import type { Audience } from '@/features/directory/api/search-experts';
import { ContactForm } from '@/features/directory/components/contact-form';
import { useUser } from '@/lib/auth';
import { useDocumentTitle } from '@/lib/use-document-title';

function ExpertView({ audience, slug, withContact }: { audience: Audience; slug: string; withContact: boolean }) {
  const { t } = useTranslation();
  const expert = useExpert(audience, slug);
  useDocumentTitle(expert.data?.name ?? t('directory.expertTitle'));
  const listPath = withContact ? paths.experts : paths.directory;
  const expertPath = withContact ? paths.expert : paths.directoryExpert;

  return (
    <>
      <p className="back-link">
        <Link to={listPath}>{t('directory.backToDirectory')}</Link>
      </p>
      {expert.isPending && <Spinner />}
      <ErrorAlert error={expert.error} />
      {expert.data && (
        <ExpertDetail expert={expert.data} expertPath={expertPath}>
          {withContact && audience === 'public' && <ContactForm slug={expert.data.slug} expertName={expert.data.name} />}
        </ExpertDetail>
      )}
    </>
  );
}

/** /experts/:slug – public; a signed-in colleague gets the internal view of the same profile. */
export function PublicExpertPage() {
  const { slug = '' } = useParams();
  const user = useUser();
  if (user.isPending) return <Spinner />;
  return <ExpertView audience={user.data ? 'internal' : 'public'} slug={slug} withContact />;
}

/** /directory/:slug – inside the app shell, internal view. */
export function ColleagueExpertPage() {
  const { slug = '' } = useParams();
  return <ExpertView audience="internal" slug={slug} withContact={false} />;
}

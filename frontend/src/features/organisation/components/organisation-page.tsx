import { useTranslation } from 'react-i18next';

import { PageHeader } from '@/components/ui/page';
import { useDocumentTitle } from '@/lib/use-document-title';
import { DepartmentsSection } from '@/features/organisation/components/departments-section';
import { ImportSection } from '@/features/organisation/components/import-section';
import { LocationsSection } from '@/features/organisation/components/locations-section';

export function OrganisationPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('organisation.title'));
  return (
    <>
      <PageHeader title={t('organisation.title')} description={t('organisation.description')} />
      <div className="grid grid--two">
        <DepartmentsSection />
        <LocationsSection />
      </div>
      <ImportSection />
    </>
  );
}

import { useTranslation } from 'react-i18next';

import { ErrorAlert } from '@/components/ui/error-alert';
import { PageHeader } from '@/components/ui/page';
import { Spinner } from '@/components/ui/spinner';
import { useMyProfile } from '@/features/profile/api/profile';
import { AboutSection } from '@/features/profile/components/about-section';
import { AvailabilitySection } from '@/features/profile/components/availability-section';
import { LanguagesSection, LinksSection } from '@/features/profile/components/list-sections';
import { PhotoSection } from '@/features/profile/components/photo-section';
import { PreviewSection } from '@/features/profile/components/preview-section';
import { SkillSuggestionsHint } from '@/features/profile/components/skill-suggestions-hint';
import { SkillsSection } from '@/features/profile/components/skills-section';
import { StatusSection } from '@/features/profile/components/status-section';
import { VisibilitySection } from '@/features/profile/components/visibility-section';
import { useDocumentTitle } from '@/lib/use-document-title';

export function ProfilePage() {
  const { t } = useTranslation();
  useDocumentTitle(t('profile.title'));
  const profile = useMyProfile();

  return (
    <>
      <PageHeader title={t('profile.title')} description={t('profile.description')} />
      {profile.isPending && <Spinner />}
      <ErrorAlert error={profile.error} />
      {profile.data && (
        <div className="profile-editor">
          <StatusSection profile={profile.data} />
          <AboutSection profile={profile.data} />
          <PhotoSection profile={profile.data} />
          <SkillSuggestionsHint />
          <SkillsSection profile={profile.data} />
          <LanguagesSection profile={profile.data} />
          <LinksSection profile={profile.data} />
          <AvailabilitySection profile={profile.data} />
          <VisibilitySection profile={profile.data} />
          <PreviewSection />
        </div>
      )}
    </>
  );
}

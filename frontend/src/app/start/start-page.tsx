import { useTranslation } from 'react-i18next';

import '@/app/start/start.css';

import { SyncsCard } from '@/app/start/syncs-card';
import { PageHeader } from '@/components/ui/page';
import { MonthImpact, TargetsAtRisk } from '@/features/analytics/components/month-impact';
import { ReviewWaiting } from '@/features/content/components/review-waiting';
import { TopPicks } from '@/features/feed/components/top-picks';
import { PendingGuideline } from '@/features/guidelines/components/pending-guideline';
import { OpenRequests } from '@/features/inbox/components/open-requests';
import { PendingInvitations } from '@/features/invitations/components/pending-invitations';
import { FailedMails } from '@/features/mail-outbox/components/failed-mails';
import { PrivacyTasks } from '@/features/privacy-admin/components/privacy-tasks';
import { NextProfileStep } from '@/features/profile/components/next-step';
import { useCurrentUser } from '@/lib/auth';
import { useDocumentTitle } from '@/lib/use-document-title';

/**
 * `/`: the start page answers "what now?" for the signed-in role. Everyone shares and keeps a profile, so
 * everyone sees the personal part; managers see what waits for them above it, admins what waits for them
 * above that. Every card comes from an existing list endpoint (its `count`), so the figures are the ones
 * the linked page shows.
 */
export function StartPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  useDocumentTitle(t('start.title'));
  const name = user.first_name || user.full_name || user.email;
  const management = user.role === 'manager' || user.role === 'admin';
  return (
    <div className="start" data-role={user.role}>
      <PageHeader testId="home-heading" title={t('start.greeting', { name })} description={t(`start.intro.${user.role}`)} />
      {user.role === 'admin' && (
        <section className="start__section" aria-labelledby="start-admin">
          <h2 id="start-admin" className="start__section-title">
            {t('start.sections.admin')}
          </h2>
          <div className="start__grid">
            <PendingInvitations />
            <FailedMails />
            <SyncsCard />
            <PrivacyTasks />
          </div>
        </section>
      )}
      {management && (
        <section className="start__section" aria-labelledby="start-management">
          <h2 id="start-management" className="start__section-title">
            {t('start.sections.management')}
          </h2>
          <div className="start__grid">
            <ReviewWaiting />
            <OpenRequests scope="triage" />
            <TargetsAtRisk />
          </div>
        </section>
      )}
      <section className="start__section" aria-labelledby="start-personal">
        <h2 id="start-personal" className={management ? 'start__section-title' : 'visually-hidden'}>
          {t('start.sections.personal')}
        </h2>
        <PendingGuideline />
        <div className="start__personal">
          <TopPicks />
          <div className="start__grid">
            <OpenRequests scope="mine" />
            <NextProfileStep />
            <MonthImpact />
          </div>
        </div>
      </section>
    </div>
  );
}

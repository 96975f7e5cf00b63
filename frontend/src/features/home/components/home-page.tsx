import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { LanguageSwitch } from '@/components/language-switch';
import { ErrorAlert } from '@/components/ui/error-alert';
import { roleLabel } from '@/components/ui/labels';
import { Card, EmptyState, PageHeader } from '@/components/ui/page';
import { useDocumentTitle } from '@/lib/use-document-title';
import { Spinner } from '@/components/ui/spinner';
import { paths } from '@/config/paths';
import { useAdminOverview } from '@/features/home/api/get-admin-overview';
import { useOrganisationOverview } from '@/features/home/api/get-organisation-overview';
import { useCurrentUser, useSaveLanguage } from '@/lib/auth';

function ProfileFacts() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  return (
    <dl className="facts">
      <dt>{t('fields.email')}</dt>
      <dd>{user.email}</dd>
      <dt>{t('fields.role')}</dt>
      <dd>{roleLabel(t, user.role)}</dd>
      <dt>{t('fields.department')}</dt>
      <dd>{user.department?.name ?? t('common.none')}</dd>
      <dt>{t('fields.location')}</dt>
      <dd>{user.location ? `${user.location.name}${user.location.city ? ` (${user.location.city})` : ''}` : t('common.none')}</dd>
    </dl>
  );
}

function PersonalCards() {
  const { t } = useTranslation();
  const saveLanguage = useSaveLanguage();
  return (
    <>
      <Card title={t('home.tokensCard.title')}>
        <p>{t('home.tokensCard.text')}</p>
        <Link className="card__link" to={paths.tokens}>
          {t('home.tokensCard.link')}
        </Link>
      </Card>
      <Card title={t('home.languageCard.title')}>
        <p>{t('home.languageCard.text')}</p>
        <LanguageSwitch onChange={(language) => saveLanguage.mutate(language)} />
      </Card>
    </>
  );
}

export function EmployeeHome() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  useDocumentTitle(t('home.employee.title'));
  return (
    <>
      <PageHeader
        testId="home-heading"
        title={t('home.employee.title')}
        description={t('home.welcome', { name: user.first_name || user.full_name || user.email })}
      />
      <div className="grid">
        <Card title={t('home.profileCard.title')}>
          <ProfileFacts />
        </Card>
        <PersonalCards />
      </div>
    </>
  );
}

export function ManagerHome() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const overview = useOrganisationOverview();
  useDocumentTitle(t('home.manager.title'));
  return (
    <>
      <PageHeader
        testId="home-heading"
        title={t('home.manager.title')}
        description={t('home.welcome', { name: user.first_name || user.full_name || user.email })}
      />
      <div className="grid">
        <Card title={t('home.manager.departments')}>
          {overview.isPending && <Spinner />}
          <ErrorAlert error={overview.error} />
          {overview.data &&
            (overview.data.departments.results.length === 0 ? (
              <EmptyState>{t('home.manager.noDepartments')}</EmptyState>
            ) : (
              <ul className="plain-list">
                {overview.data.departments.results.map((department) => (
                  <li key={department.id}>{department.name}</li>
                ))}
              </ul>
            ))}
          {overview.data && (
            <p className="muted">{t('home.manager.departmentCount', { count: overview.data.departments.count })}</p>
          )}
        </Card>
        <Card title={t('home.manager.locations')}>
          {overview.isPending && <Spinner />}
          {overview.data &&
            (overview.data.locations.results.length === 0 ? (
              <EmptyState>{t('home.manager.noLocations')}</EmptyState>
            ) : (
              <ul className="plain-list">
                {overview.data.locations.results.map((location) => (
                  <li key={location.id}>
                    {location.name}
                    {location.city && <span className="muted"> · {location.city}</span>}
                  </li>
                ))}
              </ul>
            ))}
        </Card>
        <Card title={t('home.profileCard.title')}>
          <ProfileFacts />
        </Card>
        <PersonalCards />
      </div>
    </>
  );
}

function Stat({ label, value, to, linkLabel }: { label: string; value: number | undefined; to: string; linkLabel: string }) {
  return (
    <Card className="stat">
      <p className="stat__value">{value ?? '–'}</p>
      <p className="stat__label">{label}</p>
      <Link className="card__link" to={to}>
        {linkLabel}
      </Link>
    </Card>
  );
}

export function AdminHome() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const overview = useAdminOverview();
  useDocumentTitle(t('home.admin.title'));
  const data = overview.data;
  return (
    <>
      <PageHeader
        testId="home-heading"
        title={t('home.admin.title')}
        description={t('home.welcome', { name: user.first_name || user.full_name || user.email })}
      />
      <ErrorAlert error={overview.error} />
      {overview.isPending && <Spinner />}
      <div className="grid grid--stats" aria-busy={overview.isPending}>
        <Stat
          label={t('home.admin.users', { active: data?.activeUsers ?? 0 })}
          value={data?.users}
          to={paths.adminUsers}
          linkLabel={t('home.admin.manageUsers')}
        />
        <Stat
          label={t('home.admin.pendingInvitations')}
          value={data?.pendingInvitations}
          to={paths.adminInvitations}
          linkLabel={t('home.admin.manageInvitations')}
        />
        <Stat
          label={t('home.admin.departments')}
          value={data?.departments}
          to={paths.adminOrganisation}
          linkLabel={t('home.admin.manageOrganisation')}
        />
        <Stat
          label={t('home.admin.locations')}
          value={data?.locations}
          to={paths.adminOrganisation}
          linkLabel={t('home.admin.manageOrganisation')}
        />
      </div>
      <div className="grid">
        <PersonalCards />
      </div>
    </>
  );
}

/** `/`: the home that fits the user's role. */
export function HomePage() {
  const user = useCurrentUser();
  if (user.role === 'admin') return <AdminHome />;
  if (user.role === 'manager') return <ManagerHome />;
  return <EmployeeHome />;
}

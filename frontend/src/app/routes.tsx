import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { Navigate, type RouteObject } from 'react-router';

import { RouteError } from '@/app/route-error';
import { AppShell } from '@/components/layout/app-shell';
import { PublicLayout } from '@/components/layout/public-layout';
import { Spinner } from '@/components/ui/spinner';
import { paths } from '@/config/paths';
import { GuestRoute, ProtectedRoute } from '@/lib/auth';

/**
 * Every page is its own chunk: the public directory and profile pages load only what they need,
 * never the profile editor (TipTap) or the administration screens. `npm run check-bundle` checks it.
 */
function page<M>(load: () => Promise<M>, name: keyof M) {
  const Page = lazy(async () => ({ default: (await load())[name] as ComponentType }));
  return function LazyPage() {
    return (
      <Suspense
        fallback={
          <div className="page-center">
            <Spinner />
          </div>
        }
      >
        <Page />
      </Suspense>
    );
  };
}

const AnalyticsPage = page(() => import('@/features/analytics/components/analytics-page'), 'AnalyticsPage');
const MyImpactPage = page(() => import('@/features/analytics/components/my-impact-page'), 'MyImpactPage');
const LoginPage = page(() => import('@/features/auth/components/login-page'), 'LoginPage');
const ForgotPasswordPage = page(() => import('@/features/auth/components/forgot-password-page'), 'ForgotPasswordPage');
const ResetPasswordPage = page(() => import('@/features/auth/components/reset-password-page'), 'ResetPasswordPage');
const AcceptInvitationPage = page(() => import('@/features/auth/components/accept-invitation-page'), 'AcceptInvitationPage');
const StartPage = page(() => import('@/app/start/start-page'), 'StartPage');
const TokensPage = page(() => import('@/features/tokens/components/tokens-page'), 'TokensPage');
const UsersPage = page(() => import('@/features/users/components/users-page'), 'UsersPage');
const InvitationsPage = page(() => import('@/features/invitations/components/invitations-page'), 'InvitationsPage');
const OrganisationPage = page(() => import('@/features/organisation/components/organisation-page'), 'OrganisationPage');
const ProfilePage = page(() => import('@/features/profile/components/profile-page'), 'ProfilePage');
const InboxPage = page(() => import('@/features/inbox/components/inbox-page'), 'InboxPage');
const TaxonomyPage = page(() => import('@/features/taxonomy/components/taxonomy-page'), 'TaxonomyPage');
const ColleagueDirectoryPage = page(() => import('@/features/directory/components/directory-page'), 'ColleagueDirectoryPage');
const PublicDirectoryPage = page(() => import('@/features/directory/components/directory-page'), 'PublicDirectoryPage');
const ColleagueExpertPage = page(() => import('@/features/directory/components/expert-page'), 'ColleagueExpertPage');
const PublicExpertPage = page(() => import('@/features/directory/components/expert-page'), 'PublicExpertPage');
const ConnectionsPage = page(() => import('@/features/connections/components/connections-page'), 'ConnectionsPage');
const OAuthCallbackPage = page(() => import('@/features/connections/components/oauth-callback-page'), 'OAuthCallbackPage');
const ActivityPage = page(() => import('@/features/activity/components/activity-page'), 'ActivityPage');
const PrivacyPage = page(() => import('@/features/privacy/components/privacy-page'), 'PrivacyPage');
const PrivacyAdminPage = page(() => import('@/features/privacy-admin/components/privacy-admin-page'), 'PrivacyAdminPage');
const MentionsPage = page(() => import('@/features/monitoring/components/mentions-page'), 'MentionsPage');
const AuditPage = page(() => import('@/features/audit/components/audit-page'), 'AuditPage');
const OutboxPage = page(() => import('@/features/mail-outbox/components/outbox-page'), 'OutboxPage');
const ScimTokensPage = page(() => import('@/features/scim-tokens/components/scim-tokens-page'), 'ScimTokensPage');
const FeedPage = page(() => import('@/features/feed/components/feed-page'), 'FeedPage');
const MySharesPage = page(() => import('@/features/feed/components/my-shares-page'), 'MySharesPage');
const LinkStatsPage = page(() => import('@/features/feed/components/link-stats-page'), 'LinkStatsPage');
const ContentHubPage = page(() => import('@/features/content/components/content-hub-page'), 'ContentHubPage');
const ContentEditorPage = page(() => import('@/features/content/components/content-editor-page'), 'ContentEditorPage');
const ReviewQueuePage = page(() => import('@/features/content/components/review-queue-page'), 'ReviewQueuePage');
const SourcesPage = page(() => import('@/features/content/components/sources-page'), 'SourcesPage');
const RulesPage = page(() => import('@/features/content/components/rules-page'), 'RulesPage');
const AvailableContentPage = page(() => import('@/features/content/components/available-page'), 'AvailableContentPage');
const SuggestContentPage = page(() => import('@/features/content/components/suggest-page'), 'SuggestContentPage');
const GuidelinesPage = page(() => import('@/features/guidelines/components/guidelines-page'), 'GuidelinesPage');
const GuidelinesAdminPage = page(() => import('@/features/content/components/guidelines-admin-page'), 'GuidelinesAdminPage');
const NotificationsPage = page(() => import('@/features/notifications/components/notifications-page'), 'NotificationsPage');
const NotFoundPage = page(() => import('@/app/not-found'), 'NotFoundPage');

const ADMIN = ['admin'] as const;
const MANAGEMENT = ['manager', 'admin'] as const;

const only = (roles: readonly ('employee' | 'manager' | 'admin')[], children: ReactNode) => (
  <ProtectedRoute roles={roles}>{children}</ProtectedRoute>
);

export const routes: RouteObject[] = [
  {
    errorElement: <RouteError />,
    children: [
      { path: paths.login, element: <GuestRoute><LoginPage /></GuestRoute> },
      { path: paths.forgotPassword, element: <GuestRoute><ForgotPasswordPage /></GuestRoute> },
      { path: paths.resetPasswordPattern, element: <ResetPasswordPage /> },
      { path: paths.invitePattern, element: <AcceptInvitationPage /> },
      {
        // Public: the expert directory and profile pages need no login.
        path: paths.experts,
        element: <PublicLayout />,
        children: [
          { index: true, element: <PublicDirectoryPage /> },
          { path: paths.expertPattern, element: <PublicExpertPage /> },
        ],
      },
      {
        element: (
          <ProtectedRoute>
            <AppShell />
          </ProtectedRoute>
        ),
        children: [
          { index: true, element: <StartPage /> },
          { path: paths.tokens, element: <TokensPage /> },
          { path: paths.myImpact, element: <MyImpactPage /> },
          { path: paths.analytics, element: only(MANAGEMENT, <AnalyticsPage />) },
          { path: paths.privacy, element: <PrivacyPage /> },
          { path: paths.feed, element: <FeedPage /> },
          { path: paths.myShares, element: <MySharesPage /> },
          { path: paths.linkStatsPattern, element: <LinkStatsPage /> },
          { path: paths.connections, element: <ConnectionsPage /> },
          { path: paths.connectionsCallbackPattern, element: <OAuthCallbackPage /> },
          { path: paths.activity, element: <ActivityPage /> },
          { path: paths.mentions, element: <MentionsPage /> },
          { path: paths.profile, element: <ProfilePage /> },
          { path: paths.directory, element: <ColleagueDirectoryPage /> },
          { path: paths.directoryExpertPattern, element: <ColleagueExpertPage /> },
          { path: paths.inbox, element: <InboxPage /> },
          // The former manager workspace is the managers' part of the start page.
          { path: paths.manager, element: <Navigate to={paths.home} replace /> },
          { path: paths.contentAvailable, element: <AvailableContentPage /> },
          { path: paths.contentSuggest, element: <SuggestContentPage /> },
          { path: paths.guidelines, element: <GuidelinesPage /> },
          { path: paths.notifications, element: <NotificationsPage /> },
          { path: paths.contentHub, element: only(MANAGEMENT, <ContentHubPage />) },
          { path: paths.contentNew, element: only(MANAGEMENT, <ContentEditorPage />) },
          { path: paths.contentReview, element: only(MANAGEMENT, <ReviewQueuePage />) },
          { path: paths.contentSources, element: only(MANAGEMENT, <SourcesPage />) },
          { path: paths.contentRules, element: only(MANAGEMENT, <RulesPage />) },
          { path: paths.guidelinesAdmin, element: only(MANAGEMENT, <GuidelinesAdminPage />) },
          { path: paths.contentItemPattern, element: only(MANAGEMENT, <ContentEditorPage />) },
          { path: paths.adminSkills, element: only(MANAGEMENT, <TaxonomyPage />) },
          { path: paths.adminUsers, element: only(ADMIN, <UsersPage />) },
          { path: paths.adminInvitations, element: only(ADMIN, <InvitationsPage />) },
          { path: paths.adminOrganisation, element: only(ADMIN, <OrganisationPage />) },
          { path: paths.adminAudit, element: only(ADMIN, <AuditPage />) },
          { path: paths.adminPrivacy, element: only(ADMIN, <PrivacyAdminPage />) },
          { path: paths.adminMail, element: only(ADMIN, <OutboxPage />) },
          { path: paths.adminProvisioning, element: only(ADMIN, <ScimTokensPage />) },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];

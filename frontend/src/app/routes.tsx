import type { RouteObject } from 'react-router';

import { NotFoundPage } from '@/app/not-found';
import { RouteError } from '@/app/route-error';
import { AppShell } from '@/components/layout/app-shell';
import { paths } from '@/config/paths';
import { AcceptInvitationPage } from '@/features/auth/components/accept-invitation-page';
import { ForgotPasswordPage } from '@/features/auth/components/forgot-password-page';
import { LoginPage } from '@/features/auth/components/login-page';
import { ResetPasswordPage } from '@/features/auth/components/reset-password-page';
import { HomePage, ManagerHome } from '@/features/home/components/home-page';
import { InvitationsPage } from '@/features/invitations/components/invitations-page';
import { OrganisationPage } from '@/features/organisation/components/organisation-page';
import { TokensPage } from '@/features/tokens/components/tokens-page';
import { UsersPage } from '@/features/users/components/users-page';
import { GuestRoute, ProtectedRoute } from '@/lib/auth';

const ADMIN = ['admin'] as const;
const MANAGEMENT = ['manager', 'admin'] as const;

export const routes: RouteObject[] = [
  {
    errorElement: <RouteError />,
    children: [
      { path: paths.login, element: <GuestRoute><LoginPage /></GuestRoute> },
      { path: paths.forgotPassword, element: <GuestRoute><ForgotPasswordPage /></GuestRoute> },
      { path: paths.resetPasswordPattern, element: <ResetPasswordPage /> },
      { path: paths.invitePattern, element: <AcceptInvitationPage /> },
      {
        element: (
          <ProtectedRoute>
            <AppShell />
          </ProtectedRoute>
        ),
        children: [
          { index: true, element: <HomePage /> },
          { path: paths.tokens, element: <TokensPage /> },
          { path: paths.manager, element: <ProtectedRoute roles={MANAGEMENT}><ManagerHome /></ProtectedRoute> },
          { path: paths.adminUsers, element: <ProtectedRoute roles={ADMIN}><UsersPage /></ProtectedRoute> },
          { path: paths.adminInvitations, element: <ProtectedRoute roles={ADMIN}><InvitationsPage /></ProtectedRoute> },
          { path: paths.adminOrganisation, element: <ProtectedRoute roles={ADMIN}><OrganisationPage /></ProtectedRoute> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];

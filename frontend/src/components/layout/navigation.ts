import type { ParseKeys } from 'i18next';

import { paths } from '@/config/paths';
import type { Role } from '@/lib/api/types';

export type NavItem = { to: string; labelKey: ParseKeys; roles: readonly Role[] };

const ALL: readonly Role[] = ['employee', 'manager', 'admin'];

/** Which sections each role sees; the routes enforce the same roles. */
export const navigation: readonly NavItem[] = [
  { to: paths.home, labelKey: 'nav.home', roles: ALL },
  { to: paths.feed, labelKey: 'feed.nav', roles: ALL },
  { to: paths.myShares, labelKey: 'feed.shares.nav', roles: ALL },
  { to: paths.profile, labelKey: 'nav.profile', roles: ALL },
  { to: paths.directory, labelKey: 'nav.directory', roles: ALL },
  { to: paths.inbox, labelKey: 'nav.inbox', roles: ALL },
  { to: paths.activity, labelKey: 'activity.nav', roles: ALL },
  { to: paths.connections, labelKey: 'nav.connections', roles: ALL },
  { to: paths.mentions, labelKey: 'monitoring.nav', roles: ALL },
  { to: paths.myImpact, labelKey: 'analytics.me.nav', roles: ALL },
  { to: paths.analytics, labelKey: 'analytics.nav', roles: ['manager', 'admin'] },
  { to: paths.tokens, labelKey: 'nav.tokens', roles: ALL },
  { to: paths.privacy, labelKey: 'nav.privacy', roles: ALL },
  { to: paths.contentAvailable, labelKey: 'content.nav.available', roles: ALL },
  { to: paths.guidelines, labelKey: 'guidelines.nav', roles: ALL },
  { to: paths.manager, labelKey: 'nav.manager', roles: ['manager', 'admin'] },
  { to: paths.contentHub, labelKey: 'content.nav.hub', roles: ['manager', 'admin'] },
  { to: paths.adminSkills, labelKey: 'nav.skills', roles: ['manager', 'admin'] },
  { to: paths.adminUsers, labelKey: 'nav.users', roles: ['admin'] },
  { to: paths.adminInvitations, labelKey: 'nav.invitations', roles: ['admin'] },
  { to: paths.adminOrganisation, labelKey: 'nav.organisation', roles: ['admin'] },
  { to: paths.adminAudit, labelKey: 'nav.audit', roles: ['admin'] },
  { to: paths.adminPrivacy, labelKey: 'nav.privacyAdmin', roles: ['admin'] },
  { to: paths.adminMail, labelKey: 'nav.mail', roles: ['admin'] },
  { to: paths.adminProvisioning, labelKey: 'nav.provisioning', roles: ['admin'] },
];

export function navigationFor(role: Role | undefined): NavItem[] {
  return navigation.filter((item) => item.roles === ALL || (role !== undefined && item.roles.includes(role)));
}


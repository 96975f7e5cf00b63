import type { ParseKeys } from 'i18next';
import { matchPath } from 'react-router';

import type { IconName } from '@/components/ui/icons';
import { paths } from '@/config/paths';
import type { Role } from '@/lib/api/types';

/**
 * The map of the app (docs/ux.md): at most six top-level entries per role, grouped by what people do.
 * The start page is the brand link; settings, tokens, privacy and language live in the user menu.
 * The routes enforce the same roles (src/app/routes.tsx).
 */
export type NavPage = {
  to: string;
  labelKey: ParseKeys;
  roles: readonly Role[];
  /** Further route patterns that belong to this page (detail pages, editors). */
  also?: readonly string[];
};

export type NavGroup = {
  id: 'share' | 'profile' | 'requests' | 'impact' | 'content' | 'admin';
  /** The label per role where it differs (managers see their impact under "Analytics"). */
  labelKey: ParseKeys;
  managementLabelKey?: ParseKeys;
  icon: IconName;
  roles: readonly Role[];
  pages: readonly NavPage[];
};

const ALL: readonly Role[] = ['employee', 'manager', 'admin'];
const MANAGEMENT: readonly Role[] = ['manager', 'admin'];
const ADMIN: readonly Role[] = ['admin'];

export const navigation: readonly NavGroup[] = [
  {
    id: 'share',
    labelKey: 'shell.groups.share',
    icon: 'share',
    roles: ALL,
    pages: [
      { to: paths.feed, labelKey: 'shell.pages.feed', roles: ALL },
      { to: paths.myShares, labelKey: 'shell.pages.myShares', roles: ALL, also: [paths.linkStatsPattern] },
      { to: paths.contentAvailable, labelKey: 'shell.pages.available', roles: ALL },
      { to: paths.contentSuggest, labelKey: 'shell.pages.suggest', roles: ALL },
      { to: paths.guidelines, labelKey: 'shell.pages.guidelines', roles: ALL },
    ],
  },
  {
    id: 'profile',
    labelKey: 'shell.groups.profile',
    icon: 'user',
    roles: ALL,
    pages: [
      { to: paths.profile, labelKey: 'shell.pages.profile', roles: ALL },
      { to: paths.connections, labelKey: 'shell.pages.connections', roles: ALL, also: [paths.connectionsCallbackPattern] },
      { to: paths.activity, labelKey: 'shell.pages.activity', roles: ALL },
    ],
  },
  {
    id: 'requests',
    labelKey: 'shell.groups.requests',
    icon: 'inbox',
    roles: ALL,
    pages: [
      { to: paths.inbox, labelKey: 'shell.pages.inbox', roles: ALL },
      { to: paths.directory, labelKey: 'shell.pages.directory', roles: ALL, also: [paths.directoryExpertPattern] },
    ],
  },
  {
    id: 'impact',
    labelKey: 'shell.groups.impact',
    managementLabelKey: 'shell.groups.analytics',
    icon: 'chart',
    roles: ALL,
    pages: [
      { to: paths.analytics, labelKey: 'shell.pages.analytics', roles: MANAGEMENT },
      { to: paths.myImpact, labelKey: 'shell.pages.myImpact', roles: ALL },
      { to: paths.mentions, labelKey: 'shell.pages.mentions', roles: ALL },
    ],
  },
  {
    id: 'content',
    labelKey: 'shell.groups.content',
    icon: 'file',
    roles: MANAGEMENT,
    pages: [
      {
        to: paths.contentHub,
        labelKey: 'shell.pages.contentHub',
        roles: MANAGEMENT,
        also: [
          paths.contentNew,
          paths.contentReview,
          paths.contentSources,
          paths.contentRules,
          paths.guidelinesAdmin,
          paths.contentItemPattern,
        ],
      },
      { to: paths.adminSkills, labelKey: 'shell.pages.skills', roles: MANAGEMENT },
    ],
  },
  {
    id: 'admin',
    labelKey: 'shell.groups.admin',
    icon: 'settings',
    roles: ADMIN,
    pages: [
      { to: paths.adminUsers, labelKey: 'shell.pages.users', roles: ADMIN },
      { to: paths.adminInvitations, labelKey: 'shell.pages.invitations', roles: ADMIN },
      { to: paths.adminOrganisation, labelKey: 'shell.pages.organisation', roles: ADMIN },
      { to: paths.adminAudit, labelKey: 'shell.pages.audit', roles: ADMIN },
      { to: paths.adminPrivacy, labelKey: 'shell.pages.privacyAdmin', roles: ADMIN },
      { to: paths.adminMail, labelKey: 'shell.pages.mail', roles: ADMIN },
      { to: paths.adminProvisioning, labelKey: 'shell.pages.provisioning', roles: ADMIN },
    ],
  },
];

/** The personal pages behind the user menu. */
export const userMenu: readonly NavPage[] = [
  { to: paths.notifications, labelKey: 'shell.pages.notifications', roles: ALL },
  { to: paths.privacy, labelKey: 'shell.pages.privacy', roles: ALL },
  { to: paths.tokens, labelKey: 'shell.pages.tokens', roles: ALL },
];

export type VisibleGroup = NavGroup & { label: ParseKeys; to: string };

/** The groups a role sees, each with only the pages the role may open; the group links to its first page. */
export function navigationFor(role: Role | undefined): VisibleGroup[] {
  if (role === undefined) return [];
  return navigation
    .filter((group) => group.roles.includes(role))
    .map((group) => {
      const pages = group.pages.filter((page) => page.roles.includes(role));
      const label = role !== 'employee' && group.managementLabelKey ? group.managementLabelKey : group.labelKey;
      return { ...group, pages, label, to: pages[0]?.to ?? paths.home };
    })
    .filter((group) => group.pages.length > 0);
}

function pageMatches(page: NavPage, pathname: string): boolean {
  return [page.to, ...(page.also ?? [])].some((pattern) => matchPath({ path: pattern, end: true }, pathname) !== null);
}

/** The page (and its group) the path belongs to; exact paths win over patterns (`/content/review` vs `/content/:id`). */
export function locate(groups: readonly VisibleGroup[], pathname: string): { group: VisibleGroup; page: NavPage } | null {
  for (const group of groups) {
    for (const page of group.pages) {
      if (matchPath({ path: page.to, end: true }, pathname)) return { group, page };
    }
  }
  for (const group of groups) {
    for (const page of group.pages) {
      if (pageMatches(page, pathname)) return { group, page };
    }
  }
  return null;
}

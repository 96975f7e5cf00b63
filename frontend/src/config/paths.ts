/** Route paths of the SPA, in one place so links and the router agree. */
export const paths = {
  home: '/',
  login: '/login',
  forgotPassword: '/forgot-password',
  resetPassword: (uid: string, token: string) => `/reset-password/${uid}/${token}`,
  resetPasswordPattern: '/reset-password/:uid/:token',
  invitePattern: '/invite/:token',
  tokens: '/settings/tokens',
  analytics: '/analytics',
  myImpact: '/impact',
  privacy: '/settings/privacy',
  feed: '/feed',
  myShares: '/shares',
  linkStats: (id: number) => `/shares/links/${id}`,
  linkStatsPattern: '/shares/links/:id',
  connections: '/connections',
  connectionsCallbackPattern: '/connections/callback/:provider',
  activity: '/activity',
  mentions: '/mentions',
  adminAudit: '/administration/audit',
  adminPrivacy: '/administration/privacy',
  adminMail: '/administration/mail',
  adminProvisioning: '/administration/provisioning',
  manager: '/manager',
  adminUsers: '/administration/users',
  adminInvitations: '/administration/invitations',
  adminOrganisation: '/administration/organisation',
  adminSkills: '/administration/skills',
  profile: '/profile',
  contentHub: '/content',
  contentNew: '/content/new',
  contentItem: (id: number) => `/content/${id}`,
  contentItemPattern: '/content/:id',
  contentReview: '/content/review',
  contentSources: '/content/sources',
  contentRules: '/content/rules',
  contentAvailable: '/content/available',
  contentSuggest: '/content/suggest',
  guidelinesAdmin: '/content/guidelines',
  guidelines: '/guidelines',
  notifications: '/notifications',
  inbox: '/inbox',
  directory: '/directory',
  directoryExpert: (slug: string) => `/directory/${encodeURIComponent(slug)}`,
  directoryExpertPattern: '/directory/:slug',
  experts: '/experts',
  expert: (slug: string) => `/experts/${encodeURIComponent(slug)}`,
  expertPattern: '/experts/:slug',
} as const;

export function loginPath(redirectTo?: string): string {
  if (!redirectTo || redirectTo === paths.home || redirectTo.startsWith(paths.login)) return paths.login;
  return `${paths.login}?redirectTo=${encodeURIComponent(redirectTo)}`;
}

/** Only same-app paths may be redirect targets (no open redirects). */
export function safeRedirect(target: string | null): string {
  if (!target?.startsWith('/') || target.startsWith('//')) return paths.home;
  return target;
}

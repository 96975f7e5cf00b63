/** Contract-shaped test data, typed from the generated schema so it drifts with it. */
import type { ListItem, Me, ResponseBody } from '@/lib/api/types';

export type ApiTokenData = ListItem<'/api/v1/auth/tokens/'>;
export type InvitationData = ListItem<'/api/v1/users/invitations/'>;
export type InvitationPreview = ResponseBody<'/api/v1/auth/invitations/{token}/', 'get'>;
export type DepartmentData = ListItem<'/api/v1/organisation/departments/'>;
export type LocationData = ListItem<'/api/v1/organisation/locations/'>;
export type UserData = ListItem<'/api/v1/users/'>;

export function buildUser(overrides: Partial<Me> = {}): Me {
  return {
    id: 1,
    email: 'erika.mustermann@example.com',
    first_name: 'Erika',
    last_name: 'Mustermann',
    full_name: 'Erika Mustermann',
    role: 'employee',
    department: { id: 10, name: 'Vertrieb' },
    location: { id: 20, name: 'Zentrale', city: 'Berlin' },
    language: 'de',
    is_active: true,
    date_joined: '2024-01-15T09:00:00Z',
    last_login: '2024-05-01T08:30:00Z',
    ...overrides,
  };
}

export function buildToken(overrides: Partial<ApiTokenData> = {}): ApiTokenData {
  return {
    id: 'sb_abc123',
    name: 'CI-Export',
    token_key: 'sb_abc123',
    created: '2024-04-01T10:00:00Z',
    expiry: '2024-06-30T10:00:00Z',
    last_used_at: null,
    ...overrides,
  };
}

export function page<T>(results: T[]) {
  return { count: results.length, next: null, previous: null, results };
}

export function apiError(message: string, code: string, fields: Record<string, string[]> = {}) {
  return { message, code, extra: { fields } };
}

// ---- issue 3: profiles, directory, contact requests, taxonomy (shapes of docs/directory-api.md) ----
export type MyProfileData = ResponseBody<'/api/v1/profile/', 'get'>;
export type ExpertDetailData = ResponseBody<'/api/v1/public/experts/{slug}/', 'get'>;
export type ExpertCardData = ExpertDetailData['related'][number];
export type ExpertSearchData = ResponseBody<'/api/v1/public/experts/', 'get'>;
export type ContactRequestData = ListItem<'/api/v1/contact-requests/'>;
export type SkillData = ListItem<'/api/v1/skills/'>;

export const kubernetes = { id: 7, slug: 'kubernetes', name: 'Kubernetes' };
export const cloudMigration = { id: 8, slug: 'cloud-migration', name: 'Cloud-Migration' };

export function buildMyProfile(overrides: Partial<MyProfileData> = {}): MyProfileData {
  return {
    slug: 'erika-mustermann',
    headline_de: 'Cloud-Architektin',
    headline_en: 'Cloud architect',
    bio_de: '<p>Ich migriere <strong>Rechenzentren</strong> in die Cloud.</p>',
    bio_en: '<p>I move <strong>data centres</strong> to the cloud.</p>',
    photo_url: null,
    skills: [{ skill: cloudMigration, level: 5, interest: false, ask_me_about: true, can_mentor: true }],
    languages: [{ code: 'de', level: 'native' }],
    links: [{ kind: 'linkedin', url: 'https://www.linkedin.com/in/erika-mustermann' }],
    availability: { press: false, talks: true, customers: false, mentoring: false, topics: [], until: null, note: '' },
    visibility: { basics: 'internal', bio: 'internal', skills: 'internal', languages: 'internal', links: 'private', availability: 'internal' },
    is_published: false,
    published_at: null,
    completeness: {
      score: 60,
      hints: [
        { code: 'add_photo', message: 'Fügen Sie ein Foto hinzu.' },
        { code: 'add_skills', message: 'Fügen Sie zwei Kompetenzen mit Stufe hinzu.' },
      ],
    },
    ...overrides,
  };
}

export function buildExpertCard(overrides: Partial<ExpertCardData> = {}): ExpertCardData {
  return {
    slug: 'max-beispiel',
    name: 'Max Beispiel',
    headline: 'Plattform-Engineer',
    photo_url: null,
    department: { id: 11, name: 'IT' },
    location: { id: 20, name: 'Zentrale', city: 'Berlin' },
    skills: [{ skill: kubernetes, level: 4, interest: false, ask_me_about: true, can_mentor: false }],
    availability: null,
    highlights: {},
    score: 12.5,
    ...overrides,
  };
}

export function buildExpertDetail(overrides: Partial<ExpertDetailData> = {}): ExpertDetailData {
  return {
    slug: 'max-beispiel',
    name: 'Max Beispiel',
    headline: 'Plattform-Engineer',
    photo_url: null,
    department: { id: 11, name: 'IT' },
    location: { id: 20, name: 'Zentrale', city: 'Berlin' },
    bio: '<p>Betreibt <em>Kubernetes</em> seit 2016.</p>',
    skills: [{ skill: kubernetes, level: 4, interest: false, ask_me_about: true, can_mentor: false }],
    languages: [{ code: 'en', level: 'C1' }],
    links: [{ kind: 'github', url: 'https://github.com/max-beispiel' }],
    availability: { press: true, talks: false, customers: false, mentoring: false, topics: [kubernetes], until: null, note: '' },
    indexable: true,
    contactable: true,
    posts: [],
    related: [],
    ...overrides,
  };
}

export function buildSearchResult(results: ExpertCardData[], overrides: Partial<ExpertSearchData> = {}): ExpertSearchData {
  return {
    count: results.length,
    next: null,
    previous: null,
    results,
    facets: { skill: [], language: [], location: [], department: [], availability: [], level: [] },
    suggestions: [],
    ...overrides,
  };
}

export function buildContactRequest(overrides: Partial<ContactRequestData> = {}): ContactRequestData {
  return {
    id: '0b6f9a52-31c4-4a7e-9f0e-000000000031',
    name: 'Paula Presse',
    email: 'paula@zeitung.example',
    organisation: 'Tageszeitung',
    topic: 'press',
    message: 'Hätten Sie Zeit für ein kurzes Interview zur Cloud-Migration?',
    status: 'new',
    created_at: '2024-05-02T09:15:00Z',
    answered_at: null,
    response_seconds: null,
    language: 'de',
    reply: '',
    closed_at: null,
    expert: { slug: 'erika-mustermann', name: 'Erika Mustermann' },
    assigned_to: null,
    timing_hidden: false,
    ...overrides,
  };
}

export function buildSkill(overrides: Partial<SkillData> = {}): SkillData {
  return {
    id: 7,
    slug: 'kubernetes',
    name_de: 'Kubernetes',
    name_en: 'Kubernetes',
    name: 'Kubernetes',
    parent: null,
    aliases: ['K8s'],
    description: '',
    status: 'approved',
    profile_count: 12,
    ...overrides,
  };
}

// ---- issue 14: the start pages ----
export type MyImpactData = ResponseBody<'/api/v1/analytics/me/', 'get'>;

export function buildMyImpact(overrides: Partial<MyImpactData['totals']> = {}): MyImpactData {
  return {
    start: '2026-12-01',
    end: '2026-12-06',
    totals: { shares: 0, clicks: 0, reach: 0, conversions: 0, profile_views: 0, search_appearances: 0, contact_requests: 0, ...overrides },
    clicks_per_share: null,
    average_response_hours: null,
    points: [],
    share_figures: true,
    computed_at: '2026-12-06T08:00:00Z',
  };
}

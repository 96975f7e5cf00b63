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

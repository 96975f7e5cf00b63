import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import { api, request } from '@/lib/api-client';
import type { ListItem } from '@/lib/api/types';

export type AuditEvent = ListItem<'/api/v1/audit-log/'>;
export type AuditQuery = { page: number; search?: string; action?: string };

export const auditQueryOptions = (query: AuditQuery) =>
  queryOptions({
    queryKey: ['audit-log', query],
    queryFn: () => request(api.GET('/api/v1/audit-log/', { params: { query: { ...query, page_size: 25 } } })),
    placeholderData: keepPreviousData,
  });

export function useAuditEvents(query: AuditQuery) {
  return useQuery(auditQueryOptions(query));
}

/** The CSV export is a plain link with the same filters; the browser sends the session cookie. */
export function auditExportUrl(query: Omit<AuditQuery, 'page'>): string {
  const params = new URLSearchParams();
  if (query.search) params.set('search', query.search);
  if (query.action) params.set('action', query.action);
  const suffix = params.toString();
  return `/api/v1/audit-log/export/${suffix ? `?${suffix}` : ''}`;
}

import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api, request, requestNoContent } from '@/lib/api-client';
import { currentLanguage } from '@/lib/i18n';
import type { QueryParams, RequestBody, ResponseBody } from '@/lib/api/types';

export type Overview = ResponseBody<'/api/v1/analytics/overview/', 'get'>;
export type Kpi = Overview['kpis'][number];
export type Trends = ResponseBody<'/api/v1/analytics/trends/', 'get'>;
export type Breakdown = ResponseBody<'/api/v1/analytics/breakdown/', 'get'>;
export type BreakdownRow = Breakdown['rows'][number];
export type Drilldown = ResponseBody<'/api/v1/analytics/drilldown/', 'get'>;
export type Target = ResponseBody<'/api/v1/analytics/targets/', 'get'>[number];
export type TargetInput = RequestBody<'/api/v1/analytics/targets/', 'post'>;
export type Options = ResponseBody<'/api/v1/analytics/options/', 'get'>;
export type MyImpact = ResponseBody<'/api/v1/analytics/me/', 'get'>;
export type LeaderboardRow = ResponseBody<'/api/v1/analytics/leaderboard/', 'get'>[number];

export type Filters = QueryParams<'/api/v1/analytics/overview/'>;
export type Dimension = QueryParams<'/api/v1/analytics/breakdown/'>['by'];
export type Interval = NonNullable<QueryParams<'/api/v1/analytics/trends/'>['interval']>;
export type ExportTable = QueryParams<'/api/v1/analytics/export/'>['table'];

const key = ['analytics'] as const;

/** Only the filters that are set, so query keys and URLs stay stable. */
export function cleanFilters(filters: Filters): Filters {
  const entries = Object.entries(filters as Record<string, string | number | undefined>);
  return Object.fromEntries(entries.filter(([, value]) => value !== undefined && value !== ''));
}

export const overviewQueryOptions = (filters: Filters) =>
  queryOptions({
    queryKey: [...key, 'overview', cleanFilters(filters)],
    queryFn: () => request(api.GET('/api/v1/analytics/overview/', { params: { query: cleanFilters(filters) } })),
    placeholderData: keepPreviousData,
  });

export function useOverview(filters: Filters) {
  return useQuery(overviewQueryOptions(filters));
}

export function useTrends(filters: Filters, interval: Interval) {
  return useQuery({
    queryKey: [...key, 'trends', cleanFilters(filters), interval],
    queryFn: () =>
      request(api.GET('/api/v1/analytics/trends/', { params: { query: { ...cleanFilters(filters), interval } } })),
    placeholderData: keepPreviousData,
  });
}

export function useBreakdown(filters: Filters, by: Dimension) {
  return useQuery({
    queryKey: [...key, 'breakdown', cleanFilters(filters), by],
    queryFn: () => request(api.GET('/api/v1/analytics/breakdown/', { params: { query: { ...cleanFilters(filters), by } } })),
    placeholderData: keepPreviousData,
  });
}

export function useTopContent(filters: Filters) {
  return useQuery({
    queryKey: [...key, 'top-content', cleanFilters(filters)],
    queryFn: () => request(api.GET('/api/v1/analytics/top-content/', { params: { query: cleanFilters(filters) } })),
    placeholderData: keepPreviousData,
  });
}

export function useDrilldown(filters: Filters, content: number | undefined, enabled: boolean) {
  return useQuery({
    queryKey: [...key, 'drilldown', cleanFilters(filters), content],
    queryFn: () =>
      request(api.GET('/api/v1/analytics/drilldown/', { params: { query: { ...cleanFilters(filters), content } } })),
    enabled,
  });
}

export function useOptions() {
  return useQuery({ queryKey: [...key, 'options'], queryFn: () => request(api.GET('/api/v1/analytics/options/')) });
}

export function useTargets() {
  return useQuery({ queryKey: [...key, 'targets'], queryFn: () => request(api.GET('/api/v1/analytics/targets/')) });
}

export function useCreateTarget() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TargetInput) => request(api.POST('/api/v1/analytics/targets/', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...key, 'targets'] }),
  });
}

export function useDeleteTarget() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) =>
      requestNoContent(api.DELETE('/api/v1/analytics/targets/{id}/', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...key, 'targets'] }),
  });
}

export function useMyImpact(filters: Filters) {
  return useQuery({
    queryKey: [...key, 'me', cleanFilters(filters)],
    queryFn: () => request(api.GET('/api/v1/analytics/me/', { params: { query: cleanFilters(filters) } })),
    placeholderData: keepPreviousData,
  });
}

export function useLeaderboard(filters: Filters) {
  return useQuery({
    queryKey: [...key, 'leaderboard', cleanFilters(filters)],
    queryFn: () => request(api.GET('/api/v1/analytics/leaderboard/', { params: { query: cleanFilters(filters) } })),
  });
}

export function useSetPreference() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (shareFigures: boolean) =>
      request(api.PUT('/api/v1/analytics/me/preference/', { body: { share_figures: shareFigures } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key }),
  });
}

function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(name, String(value));
  }
  return search.toString();
}

/** A same-origin download link (the session cookie authenticates it; no fetch needed). */
export function exportHref(table: ExportTable, fileFormat: 'csv' | 'xlsx', filters: Filters, extra: Record<string, string | number | undefined> = {}) {
  // a download link cannot send Accept-Language: the headers follow the UI language through `language`
  return `/api/v1/analytics/export/?${query({ ...cleanFilters(filters), ...extra, table, file_format: fileFormat, language: currentLanguage() })}`;
}

export function myExportHref(fileFormat: 'csv' | 'xlsx', filters: Filters) {
  return `/api/v1/analytics/me/export/?${query({ ...cleanFilters(filters), file_format: fileFormat, language: currentLanguage() })}`;
}

export type Rate = ResponseBody<'/api/v1/analytics/rates/', 'get'>[number];
export type RateInput = RequestBody<'/api/v1/analytics/rates/', 'put'>['rates'][number];
export type Settings = ResponseBody<'/api/v1/analytics/settings/', 'get'>;

export function useRates() {
  return useQuery({ queryKey: [...key, 'rates'], queryFn: () => request(api.GET('/api/v1/analytics/rates/')) });
}

export function useSetRate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (rate: RateInput) => request(api.PUT('/api/v1/analytics/rates/', { body: { rates: [rate] } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key }),
  });
}

export function useSettings() {
  return useQuery({ queryKey: [...key, 'settings'], queryFn: () => request(api.GET('/api/v1/analytics/settings/')) });
}

export function useUpdateSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { works_council_mode?: boolean; currency?: string; weekly_report?: boolean }) =>
      request(api.PATCH('/api/v1/analytics/settings/', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key }),
  });
}

export function useImportBenchmarks() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (file: File) =>
      request(
        api.POST('/api/v1/analytics/benchmarks/import/', {
          // The schema types `format: binary` as string; the real value is the File, sent via FormData.
          body: { file: file as unknown as string },
          bodySerializer: () => {
            const formData = new FormData();
            formData.append('file', file);
            return formData;
          },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key }),
  });
}

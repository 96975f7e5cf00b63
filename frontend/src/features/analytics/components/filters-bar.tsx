import { useTranslation } from 'react-i18next';

import { DateField } from '@/components/ui/date-field';
import { SelectField } from '@/components/ui/form';
import { useOptions, type Filters } from '@/features/analytics/api/analytics';

const PRESETS = [7, 30, 90, 365] as const;

/** The range the server resolved (a preset is counted in the company's time zone, not the browser's). */
export type Range = { start: string; end: string };

/**
 * Date range and filters; every change goes to the URL-independent state of the dashboard. A preset is
 * sent as `days`, so "today" is the company's today; the date fields show the range the server resolved.
 */
export function FiltersBar({ filters, range, onChange }: { filters: Filters; range?: Range; onChange: (filters: Filters) => void }) {
  const { t } = useTranslation();
  const options = useOptions();
  const all = { value: '', label: t('analytics.filters.all') };
  const set = (patch: Partial<Filters>) => onChange({ ...filters, ...patch });
  // editing one date keeps the other as shown, and leaves the preset
  const setDate = (patch: Partial<Filters>) =>
    set({ days: undefined, start: filters.start ?? range?.start, end: filters.end ?? range?.end, ...patch });
  const preset = PRESETS.find((days) => filters.days === days);
  return (
    <form className="analytics-filters" aria-label={t('analytics.filters.label')} onSubmit={(event) => event.preventDefault()}>
      <SelectField
        label={t('analytics.filters.range')}
        value={preset ? String(preset) : ''}
        options={[
          { value: '', label: t('analytics.filters.custom') },
          ...PRESETS.map((days) => ({ value: String(days), label: t('analytics.filters.lastDays', { count: days }) })),
        ]}
        onChange={(event) => {
          const days = Number(event.target.value);
          if (days) set({ days, start: undefined, end: undefined });
        }}
      />
      <DateField
        label={t('analytics.filters.start')}
        value={filters.start ?? range?.start ?? ''}
        onValueChange={(value) => setDate({ start: value || undefined })}
      />
      <DateField
        label={t('analytics.filters.end')}
        value={filters.end ?? range?.end ?? ''}
        onValueChange={(value) => setDate({ end: value || undefined })}
      />
      <SelectField
        label={t('analytics.filters.department')}
        value={filters.department ? String(filters.department) : ''}
        options={[all, ...(options.data?.departments ?? []).map((d) => ({ value: String(d.id), label: d.name }))]}
        onChange={(event) => set({ department: event.target.value ? Number(event.target.value) : undefined })}
      />
      <SelectField
        label={t('analytics.filters.network')}
        value={filters.network ?? ''}
        options={[all, ...(options.data?.networks ?? []).map((n) => ({ value: n, label: t(`analytics.networks.${n}`, n) }))]}
        onChange={(event) => set({ network: (event.target.value || undefined) as Filters['network'] })}
      />
      <SelectField
        label={t('analytics.filters.kind')}
        value={filters.content_kind ?? ''}
        options={[all, ...(options.data?.content_kinds ?? []).map((k) => ({ value: k, label: t(`analytics.kinds.${k}`, k) }))]}
        onChange={(event) => set({ content_kind: (event.target.value || undefined) as Filters['content_kind'] })}
      />
      <SelectField
        label={t('analytics.filters.topic')}
        value={filters.topic ? String(filters.topic) : ''}
        options={[all, ...(options.data?.topics ?? []).map((topic) => ({ value: String(topic.id), label: topic.name }))]}
        onChange={(event) => set({ topic: event.target.value ? Number(event.target.value) : undefined })}
      />
    </form>
  );
}

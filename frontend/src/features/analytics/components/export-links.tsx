import { useTranslation } from 'react-i18next';

import { exportHref, type ExportTable, type Filters } from '@/features/analytics/api/analytics';

/** CSV and XLSX downloads of one table, with the dashboard's filters. */
export function ExportLinks({
  table,
  filters,
  name,
  extra,
}: {
  table: ExportTable;
  filters: Filters;
  name: string;
  extra?: Record<string, string | number | undefined>;
}) {
  const { t } = useTranslation();
  return (
    <span className="export-links">
      {(['csv', 'xlsx'] as const).map((format) => (
        <a
          key={format}
          className="button button--secondary button--small"
          href={exportHref(table, format, filters, extra)}
          download
          aria-label={t('analytics.export.label', { name, format: format.toUpperCase() })}
        >
          {format.toUpperCase()}
        </a>
      ))}
    </span>
  );
}

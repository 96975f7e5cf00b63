import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

import { Button } from '@/components/ui/button';
import { DateField } from '@/components/ui/date-field';
import { ErrorAlert } from '@/components/ui/error-alert';
import { fieldErrors } from '@/components/ui/error-message';
import { FormError, SelectField, TextField } from '@/components/ui/form';
import { Card } from '@/components/ui/page';
import {
  useCreateTarget,
  useDeleteTarget,
  useOptions,
  useTargets,
  type Filters,
  type TargetInput,
} from '@/features/analytics/api/analytics';
import { formatDate, formatDecimal, formatPercent } from '@/lib/format';

import { ComputedAt } from './computed-at';
import { ExportLinks } from './export-links';
import { daysBefore } from './format';

function TargetForm() {
  const { t } = useTranslation();
  const options = useOptions();
  const create = useCreateTarget();
  const [form, setForm] = useState(() => ({
    kpi: 'shares',
    scope: 'company',
    department: '',
    period_start: daysBefore(0),
    period_end: daysBefore(-89),
    value: '',
  }));
  const set = (patch: Partial<typeof form>) => setForm((current) => ({ ...current, ...patch }));

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const body = {
      kpi: form.kpi,
      scope: form.scope,
      department: form.scope === 'department' && form.department ? Number(form.department) : null,
      period_start: form.period_start,
      period_end: form.period_end,
      value: form.value,
    } as TargetInput;
    create.mutate(body, { onSuccess: () => set({ value: '' }) });
  }

  return (
    <form className="form form--inline" onSubmit={submit} noValidate aria-label={t('analytics.targets.new')}>
      <FormError error={create.error} />
      <SelectField
        label={t('analytics.targets.kpi')}
        value={form.kpi}
        options={(options.data?.kpis ?? ['shares']).map((kpi) => ({ value: kpi, label: t(`analytics.kpis.${kpi}`, kpi) }))}
        onChange={(event) => set({ kpi: event.target.value })}
      />
      <SelectField
        label={t('analytics.targets.scope')}
        value={form.scope}
        options={[
          { value: 'company', label: t('analytics.targets.company') },
          { value: 'department', label: t('analytics.targets.department') },
        ]}
        onChange={(event) => set({ scope: event.target.value })}
      />
      {form.scope === 'department' && (
        <SelectField
          label={t('analytics.filters.department')}
          value={form.department}
          errors={fieldErrors(create.error, 'department')}
          options={[{ value: '', label: '–' }, ...(options.data?.departments ?? []).map((d) => ({ value: String(d.id), label: d.name }))]}
          onChange={(event) => set({ department: event.target.value })}
        />
      )}
      <DateField label={t('analytics.targets.start')} value={form.period_start} errors={fieldErrors(create.error, 'period_start')} onValueChange={(value) => set({ period_start: value })} />
      <DateField
        label={t('analytics.targets.deadline')}
        value={form.period_end}
        errors={fieldErrors(create.error, 'period_end')}
        onValueChange={(value) => set({ period_end: value })}
      />
      <TextField
        type="number"
        min="0"
        step="any"
        label={t('analytics.targets.value')}
        value={form.value}
        errors={fieldErrors(create.error, 'value')}
        onChange={(e) => set({ value: e.target.value })}
        required
      />
      <Button type="submit" isPending={create.isPending}>
        {t('analytics.targets.add')}
      </Button>
    </form>
  );
}

export function TargetsCard({ filters }: { filters: Filters }) {
  const { t } = useTranslation();
  const targets = useTargets();
  const remove = useDeleteTarget();
  return (
    <Card title={t('analytics.targets.title')}>
      <div className="card__toolbar">
        <ExportLinks table="targets" filters={filters} name={t('analytics.targets.title')} />
        <ComputedAt computedAt={targets.data?.[0]?.computed_at} />
      </div>
      <ErrorAlert error={targets.error ?? remove.error} />
      {targets.data && targets.data.length === 0 && <p className="muted">{t('analytics.targets.none')}</p>}
      {targets.data && targets.data.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('analytics.targets.kpi')}</th>
                <th scope="col">{t('analytics.targets.period')}</th>
                <th scope="col">{t('analytics.targets.value')}</th>
                <th scope="col">{t('analytics.targets.current')}</th>
                <th scope="col">{t('analytics.targets.forecast')}</th>
                <th scope="col">{t('analytics.targets.status')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('analytics.targets.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {targets.data.map((target) => (
                <tr key={target.id}>
                  <th scope="row">
                    {t(`analytics.kpis.${target.kpi}`, target.kpi_label)}
                    <span className="table__secondary">{target.department_name || t('analytics.targets.company')}</span>
                  </th>
                  <td>
                    {formatDate(target.period_start)} – {formatDate(target.period_end)}
                  </td>
                  <td>{formatDecimal(Number(target.value))}</td>
                  <td>
                    {target.current === null ? '–' : formatDecimal(Number(target.current))}
                    {target.progress !== null && <span className="table__secondary">{formatPercent(target.progress, 0)}</span>}
                  </td>
                  <td>{target.forecast === null ? '–' : formatDecimal(Number(target.forecast))}</td>
                  <td>
                    <span className={`badge badge--target-${target.status}`}>{t(`analytics.targets.statuses.${target.status}`)}</span>
                  </td>
                  <td className="table__actions">
                    <Button
                      size="small"
                      variant="danger"
                      onClick={() => remove.mutate(target.id)}
                      aria-label={t('analytics.targets.remove', { kpi: target.kpi_label })}
                    >
                      {t('analytics.targets.removeShort')}
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <TargetForm />
    </Card>
  );
}

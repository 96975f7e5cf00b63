import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

import { Button } from '@/components/ui/button';
import { ErrorAlert, SuccessAlert } from '@/components/ui/error-alert';
import { fieldErrors } from '@/components/ui/error-message';
import { FormError, SelectField, TextField } from '@/components/ui/form';
import { Card } from '@/components/ui/page';
import {
  useImportBenchmarks,
  useRates,
  useSetRate,
  useSettings,
  useUpdateSettings,
  type RateInput,
} from '@/features/analytics/api/analytics';
import { useCurrentUser } from '@/lib/auth';

const NETWORKS = ['linkedin', 'xing', 'mastodon', 'x', 'facebook', 'email'] as const;

function RateForm({ currency }: { currency: string }) {
  const { t } = useTranslation();
  const setRate = useSetRate();
  const [form, setForm] = useState({ network: 'linkedin', cpc: '', cpm: '', view_rate: '' });
  const set = (patch: Partial<typeof form>) => setForm((current) => ({ ...current, ...patch }));
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setRate.mutate({ ...form, currency } as RateInput);
  }
  const errors = (name: string) => fieldErrors(setRate.error, `rates.0.${name}`).concat(fieldErrors(setRate.error, name));
  return (
    <form className="form form--inline" onSubmit={submit} noValidate aria-label={t('analytics.settings.rateForm')}>
      <FormError error={setRate.error} />
      <SelectField
        label={t('analytics.filters.network')}
        value={form.network}
        options={NETWORKS.map((network) => ({ value: network, label: t(`analytics.networks.${network}`) }))}
        onChange={(event) => set({ network: event.target.value })}
      />
      <TextField type="number" min="0" step="0.01" label={t('analytics.inputs.cpc', { currency })} value={form.cpc} errors={errors('cpc')} onChange={(e) => set({ cpc: e.target.value })} />
      <TextField type="number" min="0" step="0.01" label={t('analytics.inputs.cpm', { currency })} value={form.cpm} errors={errors('cpm')} onChange={(e) => set({ cpm: e.target.value })} />
      <TextField
        type="number"
        min="0"
        max="1"
        step="0.01"
        label={t('analytics.settings.viewRate')}
        value={form.view_rate}
        errors={errors('view_rate')}
        onChange={(e) => set({ view_rate: e.target.value })}
      />
      <Button type="submit" isPending={setRate.isPending}>
        {t('analytics.settings.saveRate')}
      </Button>
    </form>
  );
}

function BenchmarkImport() {
  const { t } = useTranslation();
  const importBenchmarks = useImportBenchmarks();
  const [file, setFile] = useState<File | null>(null);
  return (
    <form
      className="form form--inline"
      aria-label={t('analytics.settings.benchmarks')}
      onSubmit={(event) => {
        event.preventDefault();
        if (file) importBenchmarks.mutate(file);
      }}
    >
      <ErrorAlert error={importBenchmarks.error} />
      {importBenchmarks.data && <SuccessAlert>{t('analytics.settings.imported', { count: importBenchmarks.data.imported })}</SuccessAlert>}
      <TextField
        type="file"
        accept=".csv,text/csv"
        label={t('analytics.settings.benchmarkFile')}
        hint={t('analytics.settings.benchmarkHint')}
        onChange={(event) => setFile(event.target.files?.[0] ?? null)}
      />
      <Button type="submit" disabled={!file} isPending={importBenchmarks.isPending}>
        {t('analytics.settings.import')}
      </Button>
    </form>
  );
}

/** Estimate inputs and benchmarks (managers); works-council mode (administrators). */
export function SettingsCard() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const settings = useSettings();
  const rates = useRates();
  const update = useUpdateSettings();
  const currency = settings.data?.currency ?? 'EUR';
  return (
    <Card title={t('analytics.settings.title')}>
      <ErrorAlert error={settings.error ?? rates.error ?? update.error} />
      {settings.data && (
        <label className="checkbox">
          <input
            type="checkbox"
            checked={settings.data.works_council_mode}
            disabled={user.role !== 'admin' || update.isPending}
            onChange={(event) => update.mutate({ works_council_mode: event.target.checked })}
          />{' '}
          {t('analytics.settings.worksCouncil', { count: settings.data.min_group_size })}
        </label>
      )}
      {user.role !== 'admin' && <p className="muted">{t('analytics.settings.adminOnly')}</p>}
      <h3>{t('analytics.inputs.title')}</h3>
      {rates.data && rates.data.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('analytics.filters.network')}</th>
                <th scope="col">{t('analytics.settings.currency')}</th>
                <th scope="col">CPC</th>
                <th scope="col">CPM</th>
                <th scope="col">{t('analytics.inputs.viewRate')}</th>
              </tr>
            </thead>
            <tbody>
              {rates.data.map((rate) => (
                <tr key={`${rate.network}-${rate.currency}`}>
                  <th scope="row">{t(`analytics.networks.${rate.network as (typeof NETWORKS)[number]}`)}</th>
                  <td>{rate.currency}</td>
                  <td>{rate.cpc}</td>
                  <td>{rate.cpm}</td>
                  <td>{rate.view_rate}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <RateForm currency={currency} />
      <h3>{t('analytics.settings.benchmarks')}</h3>
      <BenchmarkImport />
    </Card>
  );
}

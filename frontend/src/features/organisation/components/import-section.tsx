import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

import { Button } from '@/components/ui/button';
import { FormError } from '@/components/ui/form';
import { fieldErrors } from '@/components/ui/error-message';
import { Card } from '@/components/ui/page';
import { useImportOrganisation } from '@/features/organisation/api/import-organisation';

export function ImportSection() {
  const { t } = useTranslation();
  const importCsv = useImportOrganisation();
  const [file, setFile] = useState<File | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const result = importCsv.data;
  const fileErrors = fieldErrors(importCsv.error, 'file');

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!file) return;
    importCsv.mutate(file, {
      onSuccess: () => {
        setFile(null);
        if (inputRef.current) inputRef.current.value = '';
      },
    });
  }

  return (
    <Card title={t('organisation.import.title')}>
      <p>{t('organisation.import.text')}</p>
      <pre className="code-sample">{t('organisation.import.sample')}</pre>
      <form className="form form--inline" onSubmit={handleSubmit} noValidate aria-label={t('organisation.import.title')}>
        <FormError error={importCsv.error} />
        <div className={`field${fileErrors.length ? ' field--invalid' : ''}`}>
          <label className="field__label" htmlFor="organisation-import-file">
            {t('organisation.import.file')}
          </label>
          <input
            ref={inputRef}
            id="organisation-import-file"
            className="input"
            type="file"
            accept=".csv,text/csv"
            aria-invalid={fileErrors.length > 0 || undefined}
            onChange={(event) => setFile(event.target.files?.[0] ?? null)}
          />
          {fileErrors.length > 0 && (
            <ul className="field__errors">
              {fileErrors.map((message) => (
                <li key={message}>{message}</li>
              ))}
            </ul>
          )}
        </div>
        <div className="form__actions">
          <Button type="submit" isPending={importCsv.isPending} disabled={!file}>
            {t('organisation.import.submit')}
          </Button>
        </div>
      </form>
      {result && (
        <section className="import-result" aria-labelledby="import-result-heading" role="status">
          <h3 id="import-result-heading">{t('organisation.import.resultTitle')}</h3>
          <ul className="plain-list">
            <li>{t('organisation.import.createdDepartments', { count: result.created_departments })}</li>
            <li>{t('organisation.import.createdLocations', { count: result.created_locations })}</li>
            <li>{t('organisation.import.skipped', { count: result.skipped })}</li>
          </ul>
          {result.errors.length > 0 && (
            <>
              <h4>{t('organisation.import.errorsTitle', { count: result.errors.length })}</h4>
              <ul className="import-result__errors">
                {result.errors.map((error) => (
                  <li key={`${error.line}-${error.message}`}>
                    {t('organisation.import.line', { line: error.line })}: {error.message}
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}
    </Card>
  );
}

import { useTranslation } from 'react-i18next';
import { Link, useRouteError } from 'react-router';

import { ErrorAlert } from '@/components/ui/error-alert';
import { paths } from '@/config/paths';

/** Shown when rendering a route throws (unexpected server answers, bugs). */
export function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  return (
    <main id="main-content" className="page-center" tabIndex={-1}>
      <div className="auth__card">
        <h1>{t('errors.pageTitle')}</h1>
        <ErrorAlert error={error} />
        <p>
          <Link to={paths.home}>{t('notFound.home')}</Link>
        </p>
      </div>
    </main>
  );
}

import { useTranslation } from 'react-i18next';
import { Link, Outlet } from 'react-router';

import { LanguageSwitch } from '@/components/language-switch';
import { paths } from '@/config/paths';
import { useUser } from '@/lib/auth';

/** Frame for the public expert directory and profile pages: no login needed. */
export function PublicLayout() {
  const { t } = useTranslation();
  const user = useUser();
  return (
    <div className="shell shell--public">
      <a className="skip-link" href="#main-content">
        {t('nav.skipToContent')}
      </a>
      <header className="shell__header">
        <div className="shell__bar">
          <Link to={paths.experts} className="brand">
            {t('app.name')}
          </Link>
          <nav aria-label={t('nav.publicLabel')} className="shell__nav shell__nav--public">
            <ul>
              <li>
                <Link to={paths.experts}>{t('nav.experts')}</Link>
              </li>
            </ul>
          </nav>
          <div className="shell__tools">
            <LanguageSwitch />
            {user.data ? <Link to={paths.home}>{t('nav.toApp')}</Link> : <Link to={paths.login}>{t('auth.login.title')}</Link>}
          </div>
        </div>
      </header>
      <main id="main-content" className="shell__main" tabIndex={-1}>
        <Outlet />
      </main>
      <footer className="shell__footer">
        <p>{t('app.footer')}</p>
      </footer>
    </div>
  );
}

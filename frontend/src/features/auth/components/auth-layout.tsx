import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

import { LanguageSwitch } from '@/components/language-switch';

/** Frame for the pages a visitor sees before logging in. */
export function AuthLayout({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="auth">
      <a className="skip-link" href="#main-content">
        {t('nav.skipToContent')}
      </a>
      <header className="auth__header">
        <span className="brand">{t('app.name')}</span>
        <LanguageSwitch />
      </header>
      <main id="main-content" className="auth__main" tabIndex={-1}>
        <div className="auth__card">
          <h1>{title}</h1>
          {children}
        </div>
      </main>
    </div>
  );
}

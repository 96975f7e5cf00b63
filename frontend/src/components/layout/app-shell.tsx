import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router';

import { LanguageSwitch } from '@/components/language-switch';
import { roleLabel } from '@/components/ui/labels';
import { navigationFor } from '@/components/layout/navigation';
import { paths } from '@/config/paths';
import { NotificationBell } from '@/features/notifications/components/notification-bell';
import { useCurrentUser, useLogout, useSaveLanguage } from '@/lib/auth';

function UserMenu() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const logout = useLogout();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const containerRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    function onPointerDown(event: PointerEvent) {
      if (!containerRef.current?.contains(event.target as Node)) setOpen(false);
    }
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  return (
    <div
      className="user-menu"
      ref={containerRef}
      onKeyDown={(event) => {
        if (event.key === 'Escape') setOpen(false);
      }}
    >
      <button
        type="button"
        className="user-menu__toggle"
        aria-expanded={open}
        aria-controls={menuId}
        onClick={() => setOpen((value) => !value)}
      >
        <span className="user-menu__name">{user.full_name || user.email}</span>
        <span className="user-menu__role">{roleLabel(t, user.role)}</span>
      </button>
      {open && (
        <div className="user-menu__panel" id={menuId}>
          <p className="user-menu__email">{user.email}</p>
          <Link to={paths.tokens} onClick={() => setOpen(false)}>
            {t('nav.tokens')}
          </Link>
          <button
            type="button"
            className="user-menu__logout"
            disabled={logout.isPending}
            onClick={() =>
              logout.mutate(undefined, {
                onSuccess: () => void navigate(paths.login, { replace: true }),
              })
            }
          >
            {t('auth.logout')}
          </button>
          {logout.isError && (
            <p role="alert" className="user-menu__error">
              {t('auth.logoutFailed')}
            </p>
          )}
        </div>
      )}
    </div>
  );
}

export function AppShell() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const saveLanguage = useSaveLanguage();
  const location = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  // The mobile navigation stays open only on the page where it was opened.
  const [navOpenOn, setNavOpenOn] = useState<string | null>(null);
  const navOpen = navOpenOn === location.pathname;
  const navId = useId();

  return (
    <div className="shell">
      <a className="skip-link" href="#main-content">
        {t('nav.skipToContent')}
      </a>
      <header className="shell__header">
        <div className="shell__bar">
          <Link to={paths.home} className="brand">
            {t('app.name')}
          </Link>
          <button
            type="button"
            className="shell__nav-toggle"
            aria-expanded={navOpen}
            aria-controls={navId}
            onClick={() => setNavOpenOn(navOpen ? null : location.pathname)}
          >
            {t('nav.menu')}
          </button>
          <nav id={navId} className={`shell__nav${navOpen ? ' shell__nav--open' : ''}`} aria-label={t('nav.label')}>
            <ul>
              {navigationFor(user.role).map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to} end={item.to === paths.home}>
                    {t(item.labelKey)}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
          <div className="shell__tools">
            <LanguageSwitch onChange={(language) => saveLanguage.mutate(language)} />
            <NotificationBell />
            <UserMenu />
          </div>
        </div>
      </header>
      <main id="main-content" className="shell__main" tabIndex={-1} ref={mainRef}>
        <Outlet />
      </main>
      <footer className="shell__footer">
        <p>{t('app.footer')}</p>
      </footer>
    </div>
  );
}

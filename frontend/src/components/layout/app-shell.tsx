import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router';

import { LanguageSwitch } from '@/components/language-switch';
import { locate, navigationFor, userMenu, type VisibleGroup } from '@/components/layout/navigation';
import { Icon } from '@/components/ui/icons';
import { roleLabel } from '@/components/ui/labels';
import { paths } from '@/config/paths';
import { NotificationBell } from '@/features/notifications/components/notification-bell';
import { useCurrentUser, useLogout, useSaveLanguage } from '@/lib/auth';

/** Closes a popup on a pointer press outside it and on Escape (focus goes back to its button). */
function useDismiss(open: boolean, close: () => void, containerRef: React.RefObject<HTMLElement | null>) {
  useEffect(() => {
    if (!open) return;
    function onPointerDown(event: PointerEvent) {
      if (!containerRef.current?.contains(event.target as Node)) close();
    }
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open, close, containerRef]);
}

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return ((parts[0]?.[0] ?? '') + (parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '')).toUpperCase() || '?';
}

/** The user menu: the personal settings (notifications, my data, API tokens, language) and logout. */
function UserMenu() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const logout = useLogout();
  const saveLanguage = useSaveLanguage();
  const navigate = useNavigate();
  const location = useLocation();
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === location.pathname;
  const menuId = useId();
  const containerRef = useRef<HTMLDivElement>(null);
  const toggleRef = useRef<HTMLButtonElement>(null);
  useDismiss(open, () => setOpenOn(null), containerRef);
  const name = user.full_name || user.email;

  return (
    <div
      className="user-menu"
      ref={containerRef}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          setOpenOn(null);
          toggleRef.current?.focus();
        }
      }}
    >
      <button
        ref={toggleRef}
        type="button"
        className="user-menu__toggle"
        aria-expanded={open}
        aria-controls={menuId}
        onClick={() => setOpenOn(open ? null : location.pathname)}
      >
        {/* The name is the visible text (axe: label-content-name-mismatch); on a phone it is visually hidden. */}
        <span className="visually-hidden">{t('shell.userMenu.open')} </span>
        <span className="user-menu__avatar" aria-hidden="true">
          {initials(name)}
        </span>
        <span className="user-menu__who">
          <span className="user-menu__name">{name}</span>
          <span className="user-menu__role">{roleLabel(t, user.role)}</span>
        </span>
        <Icon name="chevron-down" size={16} />
      </button>
      {open && (
        <div className="user-menu__panel" id={menuId}>
          <p className="user-menu__email">{user.email}</p>
          <nav aria-label={t('shell.userMenu.label')}>
            <ul className="user-menu__links">
              {userMenu.map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to} onClick={() => setOpenOn(null)}>
                    {t(item.labelKey)}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
          <div className="user-menu__language">
            <span className="user-menu__caption">{t('language.label')}</span>
            <LanguageSwitch onChange={(language) => saveLanguage.mutate(language)} />
          </div>
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

/** The pages of the current group, as tabs under the header (wrapping, never scrolling sideways). */
function SectionNav({ group }: { group: VisibleGroup }) {
  const { t } = useTranslation();
  if (group.pages.length < 2) return null;
  return (
    <nav className="section-nav" aria-label={t('shell.sectionLabel', { section: t(group.label) })}>
      <ul>
        {group.pages.map((page) => (
          <li key={page.to}>
            <NavLink to={page.to} end={false}>
              {t(page.labelKey)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/**
 * A table wider than a phone scrolls inside its `.table-wrap`; keyboard users must be able to scroll it too
 * (axe: scrollable-region-focusable), so every such box in the page is a tab stop.
 */
function useFocusableScrollBoxes(ref: React.RefObject<HTMLElement | null>) {
  useEffect(() => {
    const root = ref.current;
    if (!root) return;
    const mark = () => {
      root.querySelectorAll<HTMLElement>('.table-wrap:not([tabindex])').forEach((box) => {
        box.tabIndex = 0;
      });
    };
    mark();
    const observer = new MutationObserver(mark);
    observer.observe(root, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [ref]);
}

export function AppShell() {
  const { t } = useTranslation();
  const mainRef = useRef<HTMLElement>(null);
  useFocusableScrollBoxes(mainRef);
  const user = useCurrentUser();
  const location = useLocation();
  const groups = navigationFor(user.role);
  const current = locate(groups, location.pathname);
  // The phone navigation stays open only on the page where it was opened.
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
          <button
            type="button"
            className="shell__nav-toggle"
            aria-expanded={navOpen}
            aria-controls={navId}
            aria-label={t(navOpen ? 'shell.closeMenu' : 'shell.openMenu')}
            onClick={() => setNavOpenOn(navOpen ? null : location.pathname)}
          >
            <Icon name={navOpen ? 'close' : 'menu'} size={24} />
          </button>
          <Link
            to={paths.home}
            className="brand"
            aria-current={location.pathname === paths.home ? 'page' : undefined}
            data-testid="brand-home"
          >
            {t('app.name')}
            <span className="visually-hidden"> – {t('shell.start')}</span>
          </Link>
          <nav id={navId} className={`shell__nav${navOpen ? ' shell__nav--open' : ''}`} aria-label={t('nav.label')}>
            <ul>
              {groups.map((group) => {
                const active = current?.group.id === group.id;
                return (
                  <li key={group.id}>
                    <Link
                      to={group.to}
                      className={active ? 'active' : undefined}
                      aria-current={active ? 'true' : undefined}
                      data-group={group.id}
                    >
                      <Icon name={group.icon} />
                      <span>{t(group.label)}</span>
                    </Link>
                  </li>
                );
              })}
            </ul>
          </nav>
          <div className="shell__tools">
            <NotificationBell />
            <UserMenu />
          </div>
        </div>
        {current && <SectionNav group={current.group} />}
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

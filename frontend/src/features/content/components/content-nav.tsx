import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';

import { paths } from '@/config/paths';
import '@/features/content/components/content.css';

/** The managers' sub-navigation of the content hub. */
export function ContentNav() {
  const { t } = useTranslation();
  const links = [
    { to: paths.contentHub, label: t('content.nav.items') },
    { to: paths.contentReview, label: t('content.nav.review') },
    { to: paths.contentSources, label: t('content.nav.sources') },
    { to: paths.contentRules, label: t('content.nav.rules') },
    { to: paths.guidelinesAdmin, label: t('content.nav.guidelines') },
  ];
  return (
    <nav className="subnav" aria-label={t('content.nav.label')}>
      <ul>
        {links.map((link) => (
          <li key={link.to}>
            <NavLink to={link.to} end>
              {link.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

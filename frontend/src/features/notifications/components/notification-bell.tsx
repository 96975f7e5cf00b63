import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { paths } from '@/config/paths';
import { useUnreadCount } from '@/features/notifications/api/notifications';
import '@/features/notifications/components/notification-bell.css';

/** The header's bell: a link to the notifications with the unread count. */
export function NotificationBell() {
  const { t } = useTranslation();
  const unread = useUnreadCount().data?.unread ?? 0;
  return (
    <Link to={paths.notifications} className="notification-bell" aria-label={t('notifications.bell', { count: unread })}>
      <span aria-hidden="true">🔔</span>
      {unread > 0 && (
        <span className="notification-bell__count" aria-hidden="true">
          {unread > 99 ? '99+' : unread}
        </span>
      )}
    </Link>
  );
}

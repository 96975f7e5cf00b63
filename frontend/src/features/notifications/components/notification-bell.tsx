import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { Icon } from '@/components/ui/icons';
import { paths } from '@/config/paths';
import { useUnreadCount } from '@/features/notifications/api/notifications';
import '@/features/notifications/components/notification-bell.css';

/** The header's bell: an SVG icon (no emoji that depends on fonts) linking to the notifications, with the unread count. */
export function NotificationBell() {
  const { t } = useTranslation();
  const unread = useUnreadCount().data?.unread ?? 0;
  return (
    <Link
      to={paths.notifications}
      className="notification-bell"
      aria-label={t('notifications.bell', { count: unread })}
      data-testid="notification-bell"
    >
      <Icon name="bell" size={22} />
      {unread > 0 && (
        <span className="notification-bell__count" aria-hidden="true">
          {unread > 99 ? '99+' : unread}
        </span>
      )}
    </Link>
  );
}

import { createElement, useMemo } from 'react';

import { sanitizeToReact } from '@/components/ui/sanitize';

/**
 * Renders server HTML without dangerouslySetInnerHTML: the markup is re-created from an allow-list,
 * so a `<script>` or an `onerror=` in a snippet never reaches the page.
 */
export function SafeHtml({
  html,
  allowedTags,
  as = 'span',
  className,
}: {
  html: string;
  allowedTags: readonly string[];
  as?: 'span' | 'div';
  className?: string;
}) {
  const content = useMemo(() => sanitizeToReact(html, allowedTags), [html, allowedTags]);
  return createElement(as, { className }, content);
}

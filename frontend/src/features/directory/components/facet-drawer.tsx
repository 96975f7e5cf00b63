import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

import { Button } from '@/components/ui/button';
import { Icon } from '@/components/ui/icons';
import '@/features/directory/components/facet-drawer.css';

/**
 * Phone first: on a narrow screen the results come first and the facets wait in a drawer that the
 * "Filter" button opens (a sheet over the page, Escape or "Show results" closes it, focus returns to the
 * button). From 48rem up the same panel is the facet column beside the results and the button is hidden.
 */
export function FacetToggle({
  open,
  activeCount,
  controls,
  onToggle,
  buttonRef,
}: {
  open: boolean;
  activeCount: number;
  controls: string;
  onToggle: () => void;
  buttonRef: React.RefObject<HTMLButtonElement>;
}) {
  const { t } = useTranslation();
  return (
    <Button
      ref={buttonRef}
      variant="secondary"
      className="facet-toggle"
      aria-expanded={open}
      aria-controls={controls}
      onClick={onToggle}
      data-testid="facet-toggle"
    >
      <Icon name="filter" size={18} />
      {activeCount > 0 ? t('shell.facets.openActive', { count: activeCount }) : t('shell.facets.open')}
    </Button>
  );
}

export function FacetDrawer({
  id,
  open,
  onClose,
  resultCount,
  children,
}: {
  id: string;
  open: boolean;
  onClose: () => void;
  resultCount: number | undefined;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const headingId = useId();
  const panelRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (open) panelRef.current?.focus();
  }, [open]);

  return (
    <div
      id={id}
      ref={panelRef}
      className={`facet-drawer${open ? ' facet-drawer--open' : ''}`}
      aria-labelledby={headingId}
      role="region"
      tabIndex={-1}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          event.stopPropagation();
          onClose();
        }
      }}
    >
      <div className="facet-drawer__head">
        <h2 className="facet-drawer__title" id={headingId}>
          {t('shell.facets.title')}
        </h2>
        <button type="button" className="facet-drawer__close" onClick={onClose} aria-label={t('shell.facets.close')}>
          <Icon name="close" size={22} />
        </button>
      </div>
      <div className="facet-drawer__body">{children}</div>
      <div className="facet-drawer__foot">
        <Button className="facet-drawer__show" onClick={onClose}>
          {resultCount === undefined ? t('shell.facets.show') : t('shell.facets.showCount', { count: resultCount })}
        </Button>
      </div>
    </div>
  );
}

import { useTranslation } from 'react-i18next';

export type WithheldReason = 'min_group' | 'complementary' | 'combination' | 'period';

/** The text shown instead of a figure works-council mode withholds (never a 0 or a raw code). */
export function useWithheldLabel() {
  const { t } = useTranslation();
  return (reason: WithheldReason | null | undefined, minGroup: number): string =>
    reason ? t(`analytics.withheldReason.${reason}`, { count: minGroup }) : '';
}

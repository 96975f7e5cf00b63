import { useWithheldLabel, type WithheldReason } from '@/features/analytics/hooks/use-withheld-label';

export function Withheld({ reason, minGroup }: { reason: WithheldReason; minGroup: number }) {
  const label = useWithheldLabel()(reason, minGroup);
  return (
    <span className="withheld" data-testid="withheld" title={label}>
      {label}
    </span>
  );
}

import { useTranslation } from 'react-i18next';

import type { AvailabilityData, ProfileSkillData } from '@/components/experts/types';
import { formatDate } from '@/components/ui/format';

export function SkillLevel({ level }: { level: number }) {
  const { t } = useTranslation();
  const label = t('experts.levelOf', { level, name: t(`experts.levels.${String(level)}` as 'experts.levels.1') });
  return (
    <span className="skill-level" title={label}>
      <span aria-hidden="true">{'●'.repeat(level) + '○'.repeat(Math.max(0, 5 - level))}</span>
      <span className="visually-hidden">{label}</span>
    </span>
  );
}

export function SkillList({ skills, compact = false }: { skills: ProfileSkillData[]; compact?: boolean }) {
  const { t } = useTranslation();
  return (
    <ul className={`skill-list${compact ? ' skill-list--compact' : ''}`}>
      {skills.map((item) => (
        <li key={item.skill.id} className="skill-list__item">
          <span className="skill-list__name">{item.skill.name}</span> <SkillLevel level={item.level} />
          {!compact && (
            <>
              {item.ask_me_about && <span className="badge badge--ok">{t('experts.askMeAbout')}</span>}
              {item.can_mentor && <span className="badge badge--pending">{t('experts.canMentor')}</span>}
              {item.interest && <span className="badge badge--muted">{t('experts.interest')}</span>}
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

export function AvailabilityBadges({ availability }: { availability: AvailabilityData }) {
  const { t } = useTranslation();
  const kinds = (['press', 'talks', 'customers', 'mentoring'] as const).filter((kind) => availability[kind]);
  if (kinds.length === 0) return null;
  return (
    <p className="availability-badges">
      <span className="visually-hidden">{t('experts.availableFor')} </span>
      {kinds.map((kind) => (
        <span key={kind} className="badge badge--ok">
          {t(`experts.availability.${kind}`)}
        </span>
      ))}
    </p>
  );
}

export function AvailabilityDetails({ availability }: { availability: AvailabilityData }) {
  const { t } = useTranslation();
  return (
    <>
      <AvailabilityBadges availability={availability} />
      {availability.topics.length > 0 && (
        <p>
          {t('experts.topics')}: {availability.topics.map((topic) => topic.name).join(', ')}
        </p>
      )}
      {availability.until && <p>{t('experts.until', { date: formatDate(availability.until) })}</p>}
      {availability.note && <p>{availability.note}</p>}
    </>
  );
}

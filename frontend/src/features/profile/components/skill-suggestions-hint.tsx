import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { paths } from '@/config/paths';
import { useOpenSkillSuggestions } from '@/features/profile/api/skill-suggestions';

/** Points to skills found in the person's imported posts; shown only when there are some. */
export function SkillSuggestionsHint() {
  const { t } = useTranslation();
  const suggestions = useOpenSkillSuggestions();
  const count = suggestions.data?.length ?? 0;
  if (count === 0) return null;
  const names = suggestions.data?.slice(0, 3).map((item) => item.skill.name).join(', ') ?? '';
  return (
    <p className="alert alert--success">
      {t('activity.profileHint', { count, names })} <Link to={paths.activity}>{t('activity.profileHintLink')}</Link>
    </p>
  );
}

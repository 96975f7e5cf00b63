import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { AvailabilityBadges, SkillList } from '@/components/experts/expert-parts';
import type { ExpertCardData } from '@/components/experts/types';
import { SafeHtml } from '@/components/ui/safe-html';
import { HIGHLIGHT_TAGS } from '@/components/ui/sanitize';

/** One search hit or related expert; the server's highlight snippets are rendered allow-listed. */
export function ExpertCard({ expert, to, headingLevel = 3 }: { expert: ExpertCardData; to: string; headingLevel?: 2 | 3 | 4 }) {
  const { t } = useTranslation();
  const Heading = `h${String(headingLevel)}` as 'h2' | 'h3' | 'h4';
  const snippets = Object.entries(expert.highlights).flatMap(([field, values]) =>
    values.map((html, index) => ({ key: `${field}-${index}`, html })),
  );
  return (
    <article className="expert-card">
      {expert.photo_url ? (
        <img className="expert-card__photo" src={expert.photo_url} alt="" width={64} height={64} loading="lazy" />
      ) : (
        <span className="expert-card__photo expert-card__photo--empty" aria-hidden="true">
          {expert.name.slice(0, 1)}
        </span>
      )}
      <div className="expert-card__body">
        <Heading className="expert-card__name">
          <Link to={to}>{expert.name}</Link>
        </Heading>
        {expert.headline && <p className="expert-card__headline">{expert.headline}</p>}
        {(expert.department || expert.location) && (
          <p className="muted">{[expert.department?.name, expert.location?.name].filter(Boolean).join(' · ')}</p>
        )}
        {expert.match === 'similar_topic' && (
          // found by semantic similarity only: no word of the query is in the profile, and it says so
          <p className="expert-card__match muted">{t('experts.similarTopic')}</p>
        )}
        {snippets.length > 0 && (
          <ul className="expert-card__highlights" aria-label={t('experts.highlights')}>
            {snippets.map((snippet) => (
              <li key={snippet.key}>
                <SafeHtml html={snippet.html} allowedTags={HIGHLIGHT_TAGS} />
              </li>
            ))}
          </ul>
        )}
        {expert.skills.length > 0 && <SkillList skills={expert.skills} compact />}
        {expert.availability && <AvailabilityBadges availability={expert.availability} />}
      </div>
    </article>
  );
}

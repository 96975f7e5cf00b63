import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

import { ExpertCard } from '@/components/experts/expert-card';
import { AvailabilityDetails, SkillList } from '@/components/experts/expert-parts';
import type { ExpertDetailData } from '@/components/experts/types';
import { formatDate } from '@/components/ui/format';
import { SafeHtml } from '@/components/ui/safe-html';
import { RICH_TEXT_TAGS } from '@/components/ui/sanitize';
import { languageName, networkLabel } from '@/lib/labels';

/**
 * A profile as one audience sees it. Sections the audience may not see arrive as `null` and are
 * left out entirely; the same component renders the public page, the colleague view and the preview.
 */
export function ExpertDetail({
  expert,
  expertPath,
  titleLevel = 1,
  children,
}: {
  expert: ExpertDetailData;
  /** Where a related expert links to. */
  expertPath: (slug: string) => string;
  titleLevel?: 1 | 2;
  /** Extra content after the profile, e.g. the contact form. */
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const id = useId();
  const Title = titleLevel === 1 ? 'h1' : 'h2';
  const Section = titleLevel === 1 ? 'h2' : 'h3';
  const PostTitle = titleLevel === 1 ? 'h3' : 'h4';

  return (
    <article className="expert-detail" data-testid="expert-detail">
      <header className="expert-detail__header">
        {expert.photo_url && (
          <img className="expert-detail__photo" src={expert.photo_url} alt={t('experts.photoOf', { name: expert.name })} width={160} height={160} />
        )}
        <div>
          <Title>{expert.name}</Title>
          {expert.headline && <p className="expert-detail__headline">{expert.headline}</p>}
          {(expert.department || expert.location) && (
            <p className="muted">
              {[expert.department?.name, expert.location ? `${expert.location.name}${expert.location.city && expert.location.city !== expert.location.name ? ` (${expert.location.city})` : ''}` : null]
                .filter(Boolean)
                .join(' · ')}
            </p>
          )}
        </div>
      </header>
      {expert.bio !== null && expert.bio !== '' && (
        <section aria-labelledby={`${id}-bio`} className="expert-detail__section">
          <Section id={`${id}-bio`}>{t('experts.sections.bio')}</Section>
          <SafeHtml as="div" className="rich-text" html={expert.bio} allowedTags={RICH_TEXT_TAGS} />
        </section>
      )}
      {expert.skills !== null && expert.skills.length > 0 && (
        <section aria-labelledby={`${id}-skills`} className="expert-detail__section">
          <Section id={`${id}-skills`}>{t('experts.sections.skills')}</Section>
          <SkillList skills={expert.skills} />
        </section>
      )}
      {expert.languages !== null && expert.languages.length > 0 && (
        <section aria-labelledby={`${id}-languages`} className="expert-detail__section">
          <Section id={`${id}-languages`}>{t('experts.sections.languages')}</Section>
          <ul className="plain-list">
            {expert.languages.map((language) => (
              <li key={language.code}>
                {languageName(language.code)} – {language.level === 'native' ? t('experts.native') : language.level}
              </li>
            ))}
          </ul>
        </section>
      )}
      {expert.links !== null && expert.links.length > 0 && (
        <section aria-labelledby={`${id}-links`} className="expert-detail__section">
          <Section id={`${id}-links`}>{t('experts.sections.links')}</Section>
          <ul className="plain-list">
            {expert.links.map((link) => (
              <li key={`${link.kind}-${link.url}`}>
                <a href={link.url} rel="noopener noreferrer me">
                  {t(`experts.linkKinds.${link.kind}`)}
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
      {expert.posts.length > 0 && (
        <section aria-labelledby={`${id}-posts`} className="expert-detail__section">
          <Section id={`${id}-posts`}>{t('experts.sections.posts')}</Section>
          <ul className="post-cards">
            {expert.posts.map((post) => (
              <li key={post.url}>
                <article className="post-card" data-testid="post-card">
                  <p className="post-card__meta">
                    <span className={`badge badge--network badge--${post.network}`}>{networkLabel(t, post.network)}</span>
                    {post.published_at && (
                      <time dateTime={post.published_at} className="muted">
                        {' '}
                        {formatDate(post.published_at)}
                      </time>
                    )}
                  </p>
                  {post.title && <PostTitle className="post-card__title">{post.title}</PostTitle>}
                  {post.excerpt && <p className="post-card__excerpt">{post.excerpt}</p>}
                  <a href={post.url} rel="noopener noreferrer nofollow" className="post-card__link">
                    {t('experts.posts.open', { network: networkLabel(t, post.network) })}
                    <span className="visually-hidden">: {post.title || post.excerpt.slice(0, 60)}</span>
                  </a>
                </article>
              </li>
            ))}
          </ul>
        </section>
      )}
      {expert.availability !== null && (
        <section aria-labelledby={`${id}-availability`} className="expert-detail__section">
          <Section id={`${id}-availability`}>{t('experts.sections.availability')}</Section>
          <AvailabilityDetails availability={expert.availability} />
        </section>
      )}
      {children}
      {expert.related.length > 0 && (
        <section aria-labelledby={`${id}-related`} className="expert-detail__section">
          <Section id={`${id}-related`}>{t('experts.sections.related')}</Section>
          <ul className="expert-list">
            {expert.related.map((related) => (
              <li key={related.slug}>
                <ExpertCard expert={related} to={expertPath(related.slug)} headingLevel={titleLevel === 1 ? 3 : 4} />
              </li>
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}

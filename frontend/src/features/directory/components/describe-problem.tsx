import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

import { ExpertCard } from '@/components/experts/expert-card';
import { Button } from '@/components/ui/button';
import { FormError } from '@/components/ui/form';
import { fieldErrors } from '@/components/ui/error-message';
import { EmptyState } from '@/components/ui/page';
import { TextAreaField } from '@/components/ui/textarea';
import { useMatchExperts } from '@/features/directory/api/match-experts';
import type { Audience } from '@/features/directory/api/search-experts';

/** "Describe your problem": a paragraph in, matching experts and recognised skills out. */
export function DescribeProblem({ audience, expertPath }: { audience: Audience; expertPath: (slug: string) => string }) {
  const { t } = useTranslation();
  const match = useMatchExperts(audience);
  const [text, setText] = useState('');

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (text.trim()) match.mutate(text.trim());
  }

  return (
    <>
      <p>{t('directory.match.intro')}</p>
      <form className="form" onSubmit={handleSubmit} aria-label={t('directory.match.title')}>
        <FormError error={match.error} />
        <TextAreaField
          label={t('directory.match.label')}
          name="text"
          rows={4}
          maxLength={4000}
          value={text}
          onChange={(event) => setText(event.target.value)}
          errors={fieldErrors(match.error, 'text')}
        />
        <div className="form__actions">
          <Button type="submit" isPending={match.isPending} disabled={!text.trim()}>
            {t('directory.match.submit')}
          </Button>
        </div>
      </form>
      {match.data && (
        <section aria-labelledby="match-results" className="match-results">
          <h3 id="match-results">{t('directory.match.results', { count: match.data.results.length })}</h3>
          {match.data.skills.length > 0 && (
            <p>
              {t('directory.match.recognised')}{' '}
              {match.data.skills.map((skill) => (
                <span key={skill.id} className="badge badge--pending">
                  {skill.name}
                </span>
              ))}
            </p>
          )}
          {match.data.results.length === 0 ? (
            <EmptyState>{t('directory.match.empty')}</EmptyState>
          ) : (
            <ul className="expert-list">
              {match.data.results.map((expert) => (
                <li key={expert.slug}>
                  <ExpertCard expert={expert} to={expertPath(expert.slug)} headingLevel={4} />
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </>
  );
}

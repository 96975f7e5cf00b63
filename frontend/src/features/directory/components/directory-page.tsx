import { useId, useRef, useState, type FormEvent } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';

import { ExpertCard } from '@/components/experts/expert-card';
import { Button } from '@/components/ui/button';
import { Combobox, type ComboboxOption } from '@/components/ui/combobox';
import { ErrorAlert } from '@/components/ui/error-alert';
import { SelectField } from '@/components/ui/form';
import { Card, EmptyState, PageHeader } from '@/components/ui/page';
import { Pagination } from '@/components/ui/pagination';
import { Spinner } from '@/components/ui/spinner';
import { DEFAULT_PAGE_SIZE } from '@/config/constants';
import { paths } from '@/config/paths';
import { useExpertAutocomplete } from '@/features/directory/api/autocomplete';
import {
  useExpertSearch,
  type Audience,
  type ExpertSearchQuery,
  type ExpertSearchResult,
  type FacetName,
} from '@/features/directory/api/search-experts';
import { DescribeProblem } from '@/features/directory/components/describe-problem';
import { availabilityLabel, languageName } from '@/lib/labels';
import { FacetDrawer, FacetToggle } from '@/features/directory/components/facet-drawer';
import { useDebouncedValue } from '@/lib/use-debounced-value';
import { useDocumentTitle } from '@/lib/use-document-title';

/** Facet name in the response → query parameter of the search endpoint. */
const FACET_PARAMS: Record<FacetName, keyof ExpertSearchQuery> = {
  skill: 'skill',
  level: 'min_level',
  language: 'language',
  location: 'location',
  department: 'department',
  availability: 'available',
};
const FACET_ORDER: FacetName[] = ['skill', 'level', 'language', 'location', 'department', 'availability'];
const FILTER_PARAMS = Object.values(FACET_PARAMS);

function positiveInt(value: string | null): number | undefined {
  const number = Number(value);
  return value && Number.isInteger(number) && number > 0 ? number : undefined;
}

/** The search state lives in the URL, so every result page is a shareable link. */
function queryFromParams(params: URLSearchParams): ExpertSearchQuery {
  const query: ExpertSearchQuery = { page: positiveInt(params.get('page')) ?? 1, page_size: DEFAULT_PAGE_SIZE };
  const q = params.get('q')?.trim();
  if (q) query.q = q;
  const skill = params.get('skill');
  if (skill) query.skill = [skill];
  const minLevel = positiveInt(params.get('min_level'));
  if (minLevel) query.min_level = minLevel;
  const language = params.get('language');
  if (language) query.language = [language];
  const location = positiveInt(params.get('location'));
  if (location) query.location = [location];
  const department = positiveInt(params.get('department'));
  if (department) query.department = [department];
  const available = params.get('available');
  if (available === 'press' || available === 'talks' || available === 'customers' || available === 'mentoring') {
    query.available = [available];
  }
  if (params.get('ordering') === 'name') query.ordering = 'name';
  return query;
}

/** Codes in facets (languages, availability) are labelled here, in the UI language; the rest are names. */
function facetLabel(t: TFunction, facet: FacetName, item: { value: string; label: string }): string {
  if (facet === 'language') return languageName(item.value);
  if (facet === 'availability') return availabilityLabel(t, item.value);
  return item.label;
}

function Facets({
  facets,
  params,
  onToggle,
}: {
  facets: ExpertSearchResult['facets'];
  params: URLSearchParams;
  onToggle: (param: string, value: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <aside className="facets" aria-label={t('directory.facets.label')}>
      {FACET_ORDER.map((facet) => {
        const values = facets[facet];
        const param = FACET_PARAMS[facet];
        if (values.length === 0) return null;
        return (
          <div key={facet} className="facet" role="group" aria-labelledby={`facet-${facet}`}>
            <h2 id={`facet-${facet}`} className="facet__title">
              {t(`directory.facets.${facet}`)}
            </h2>
            <ul className="facet__values">
              {values.map((item) => {
                const pressed = params.get(param) === item.value;
                return (
                  <li key={item.value}>
                    <button
                      type="button"
                      className={`facet__value${pressed ? ' facet__value--active' : ''}`}
                      aria-pressed={pressed}
                      onClick={() => onToggle(param, item.value)}
                    >
                      <span>{facetLabel(t, facet, item)}</span>
                      <span className="facet__count" aria-label={t('directory.facets.count', { count: item.count })}>
                        {item.count}
                      </span>
                    </button>
                  </li>
                );
              })}
            </ul>
          </div>
        );
      })}
    </aside>
  );
}

function SearchBox({ audience, initial, onSearch, onSkill }: {
  audience: Audience;
  initial: string;
  onSearch: (q: string) => void;
  onSkill: (slug: string) => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [text, setText] = useState(initial);
  const debounced = useDebouncedValue(text.trim(), 250);
  // Suggest only while the visitor types, not for the query the page was opened with.
  const suggestions = useExpertAutocomplete(audience, debounced === initial.trim() ? '' : debounced);
  const expertPath = audience === 'public' ? paths.expert : paths.directoryExpert;

  const options: ComboboxOption[] = [
    ...(suggestions.data?.skills ?? []).map((skill) => ({
      id: `skill:${skill.slug}`,
      label: skill.name,
      description: t('directory.search.skillOption'),
    })),
    ...(suggestions.data?.experts ?? []).map((expert) => ({
      id: `expert:${expert.slug}`,
      label: expert.name,
      description: expert.headline || t('directory.search.expertOption'),
    })),
  ];

  function handleSelect(option: ComboboxOption) {
    const [kind, slug = ''] = option.id.split(/:(.*)/s);
    if (kind === 'expert') {
      void navigate(expertPath(slug));
    } else {
      setText('');
      onSkill(slug);
    }
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onSearch(text.trim());
  }

  return (
    <form className="directory-search" role="search" aria-label={t('directory.search.label')} onSubmit={handleSubmit}>
      <Combobox
        label={t('directory.search.label')}
        type="search"
        name="q"
        value={text}
        onValueChange={setText}
        options={options}
        onSelect={handleSelect}
        placeholder={t('directory.search.placeholder')}
        hint={t('directory.search.hint')}
      />
      <Button type="submit">{t('directory.search.submit')}</Button>
    </form>
  );
}

export function DirectoryPage({ audience }: { audience: Audience }) {
  const { t } = useTranslation();
  useDocumentTitle(t(audience === 'public' ? 'directory.publicTitle' : 'directory.title'));
  const [params, setParams] = useSearchParams();
  const query = queryFromParams(params);
  const search = useExpertSearch(audience, query);
  const expertPath = audience === 'public' ? paths.expert : paths.directoryExpert;

  function update(changes: Record<string, string | null>) {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === null || value === '') next.delete(key);
      else next.set(key, value);
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next);
  }

  const activeFilters = FILTER_PARAMS.filter((param) => params.has(param));
  const data = search.data;
  const [facetsOpen, setFacetsOpen] = useState(false);
  const facetsId = useId();
  const facetToggleRef = useRef<HTMLButtonElement>(null);
  function closeFacets() {
    setFacetsOpen(false);
    facetToggleRef.current?.focus();
  }

  return (
    <>
      <PageHeader
        title={t(audience === 'public' ? 'directory.publicTitle' : 'directory.title')}
        description={t('directory.description')}
      />
      <SearchBox
        // A new q from outside (suggestion, back button) resets the box.
        key={query.q ?? ''}
        audience={audience}
        initial={query.q ?? ''}
        onSearch={(q) => update({ q })}
        onSkill={(slug) => update({ skill: slug })}
      />
      {data && data.suggestions.length > 0 && (
        <p className="did-you-mean">
          {t('directory.didYouMean')}{' '}
          {data.suggestions.map((suggestion) => (
            <Button key={suggestion} variant="link" onClick={() => update({ q: suggestion })}>
              {suggestion}
            </Button>
          ))}
        </p>
      )}
      <div className="directory">
        <section className="directory__results" aria-labelledby="directory-results-heading">
          <div className="directory__toolbar">
            <h2 id="directory-results-heading" aria-live="polite">
              {data ? t('directory.results', { count: data.count }) : t('directory.resultsHeading')}
            </h2>
            <FacetToggle
              open={facetsOpen}
              activeCount={activeFilters.length}
              controls={facetsId}
              buttonRef={facetToggleRef}
              onToggle={() => setFacetsOpen(!facetsOpen)}
            />
            {activeFilters.length > 0 && (
              <Button variant="secondary" size="small" onClick={() => update(Object.fromEntries(activeFilters.map((param) => [param, null])))}>
                {t('directory.clearFilters')}
              </Button>
            )}
            <SelectField
              label={t('common.sortBy')}
              value={query.ordering ?? 'relevance'}
              onChange={(event) => update({ ordering: event.target.value === 'name' ? 'name' : null })}
              options={[
                { value: 'relevance', label: t('directory.ordering.relevance') },
                { value: 'name', label: t('directory.ordering.name') },
              ]}
            />
          </div>
          {search.isPending && <Spinner />}
          <ErrorAlert error={search.error} />
          {data &&
            (data.results.length === 0 ? (
              <EmptyState>{t('directory.empty')}</EmptyState>
            ) : (
              <ul className="expert-list" aria-busy={search.isFetching || undefined}>
                {data.results.map((expert) => (
                  <li key={expert.slug}>
                    <ExpertCard expert={expert} to={expertPath(expert.slug)} />
                  </li>
                ))}
              </ul>
            ))}
          {data && (
            <Pagination
              page={query.page ?? 1}
              pageSize={DEFAULT_PAGE_SIZE}
              count={data.count}
              onPageChange={(page) => update({ page: String(page) })}
            />
          )}
        </section>
        {/* After the results in reading order: on a phone the facets wait in a drawer. */}
        <FacetDrawer id={facetsId} open={facetsOpen} onClose={closeFacets} resultCount={data?.count}>
          {data && <Facets facets={data.facets} params={params} onToggle={(param, value) => update({ [param]: params.get(param) === value ? null : value })} />}
        </FacetDrawer>
      </div>
      <Card title={t('directory.match.title')}>
        <DescribeProblem audience={audience} expertPath={expertPath} />
      </Card>
    </>
  );
}

export function ColleagueDirectoryPage() {
  return <DirectoryPage audience="internal" />;
}

export function PublicDirectoryPage() {
  return <DirectoryPage audience="public" />;
}

import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { Button } from '@/components/ui/button';
import { CopyButton } from '@/components/ui/copy-button';
import { DateTimeField } from '@/components/ui/date-field';
import { Dialog } from '@/components/ui/dialog';
import { ErrorAlert, SuccessAlert } from '@/components/ui/error-alert';
import { fieldErrors } from '@/components/ui/error-message';
import { FormError, SelectField } from '@/components/ui/form';
import { SafeHtml } from '@/components/ui/safe-html';
import { Spinner } from '@/components/ui/spinner';
import { TextAreaField } from '@/components/ui/textarea';
import { paths } from '@/config/paths';
import {
  useAcceptGuideline,
  useCreateShare,
  useCurrentGuideline,
  useShareCompose,
  useTextCheck,
  type Network,
  type NetworkOption,
  type ShareCreated,
  type TextCheck,
} from '@/features/feed/api/feed';
import { networkLabel } from '@/lib/labels';
import { useDebouncedValue } from '@/lib/use-debounced-value';

const GUIDELINE_TAGS = ['p', 'br', 'strong', 'b', 'em', 'i', 'ul', 'ol', 'li', 'a', 'blockquote'] as const;

function GuidelinePrompt() {
  const { t, i18n } = useTranslation();
  const guideline = useCurrentGuideline(true);
  const accept = useAcceptGuideline();
  const current = guideline.data?.guideline;
  if (guideline.isPending) return <Spinner />;
  if (!current) return <ErrorAlert error={guideline.error} />;
  const english = i18n.language.startsWith('en');
  return (
    <section className="guideline-prompt" aria-labelledby="guideline-title">
      <p>{t('feed.share.guidelineIntro')}</p>
      <h3 id="guideline-title">{english ? current.title_en : current.title_de}</h3>
      <SafeHtml as="div" className="guideline-prompt__text" html={english ? current.text_en : current.text_de} allowedTags={GUIDELINE_TAGS} />
      <FormError error={accept.error} />
      <Button isPending={accept.isPending} onClick={() => accept.mutate(current.id)}>
        {t('feed.share.acceptGuideline', { version: current.version })}
      </Button>
    </section>
  );
}

function RuleList({ title, hits, tone }: { title: string; hits: TextCheck['blocks']; tone: 'error' | 'warning' }) {
  if (hits.length === 0) return null;
  return (
    <div className={`alert alert--${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      <p className="alert__title">{title}</p>
      <ul>
        {hits.map((hit, index) => (
          <li key={`${String(hit.rule)}-${String(index)}`}>
            <strong>{hit.name}</strong>
            {hit.matched_text && <> – „{hit.matched_text}“</>}
            {hit.description && <> ({hit.description})</>}
          </li>
        ))}
      </ul>
    </div>
  );
}

function Done({ created, onClose }: { created: ShareCreated; onClose: () => void }) {
  const { t } = useTranslation();
  const { share } = created;
  if (share.method === 'api') {
    return (
      <>
        <SuccessAlert>
          {share.status === 'scheduled' ? t('feed.share.scheduled') : t('feed.share.queued')}
        </SuccessAlert>
        <p>
          <Link to={paths.myShares}>{t('feed.share.toMyShares')}</Link>
        </p>
        <div className="dialog__actions">
          <Button onClick={onClose}>{t('common.close')}</Button>
        </div>
      </>
    );
  }
  return (
    <>
      <SuccessAlert>{t('feed.share.intentReady')}</SuccessAlert>
      <p className="share-copy-text" data-testid="copy-text">
        {created.copy_text}
      </p>
      <div className="dialog__actions">
        <CopyButton value={created.copy_text} label={t('feed.share.copyText')} />
        {created.intent_url && (
          <a className="button button--primary" href={created.intent_url} target="_blank" rel="noopener noreferrer">
            {t('feed.share.openIntent', { network: networkLabel(t, share.network) })}
          </a>
        )}
        <Button variant="secondary" onClick={onClose}>
          {t('common.close')}
        </Button>
      </div>
    </>
  );
}


function ShareForm({ contentTitle, contentUrl, imageUrl, networks, contentId, onClose }: {
  onClose: () => void;
  contentTitle: string;
  contentUrl: string;
  imageUrl: string;
  networks: NetworkOption[];
  contentId: number;
}) {
  const { t } = useTranslation();
  const preferred = networks.find((option) => option.connected) ?? networks[0];
  const [network, setNetwork] = useState<Network>(preferred?.network ?? 'linkedin');
  const option = networks.find((candidate) => candidate.network === network) ?? preferred;
  const [text, setText] = useState(preferred?.suggested_text ?? '');
  const [acknowledged, setAcknowledged] = useState(false);
  const [schedule, setSchedule] = useState(false);
  const [scheduledFor, setScheduledFor] = useState('');
  const create = useCreateShare();
  const debounced = useDebouncedValue(text, 250);
  const check = useTextCheck(network, debounced);
  const [created, setCreated] = useState<ShareCreated | null>(null);

  if (created) return <Done created={created} onClose={onClose} />;
  if (!option) return null;

  const blocks = check.data?.blocks ?? [];
  const warnings = check.data?.warnings ?? [];
  const length = check.data && debounced === text ? check.data.length : text.length;
  const tooLong = length > option.limit;
  const isApi = option.method === 'api';

  function changeNetwork(next: Network) {
    const nextOption = networks.find((candidate) => candidate.network === next);
    setNetwork(next);
    if (nextOption?.suggested_text) setText(nextOption.suggested_text);
    if (nextOption?.method !== 'api') setSchedule(false);
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    create.mutate(
      {
        content: contentId,
        network,
        text,
        acknowledge_warnings: acknowledged,
        scheduled_for: isApi && schedule && scheduledFor ? new Date(scheduledFor).toISOString() : null,
      },
      {
        onSuccess: (result) => {
          setCreated(result);
          if (result.share.method === 'intent') {
            // Best effort (the browser may refuse without a fresh gesture): the copy button stays visible.
            Promise.resolve()
              .then(() => navigator.clipboard.writeText(result.copy_text))
              .catch(() => undefined);
          }
        },
      },
    );
  }

  return (
    <form className="form" onSubmit={handleSubmit} noValidate>
      <FormError error={create.error} />
      <SelectField
        label={t('feed.share.network')}
        value={network}
        onChange={(event) => changeNetwork(event.target.value as Network)}
        options={networks.map((candidate) => ({
          value: candidate.network,
          label: candidate.connected ? t('feed.share.networkConnected', { network: networkLabel(t, candidate.network) }) : networkLabel(t, candidate.network),
        }))}
        hint={isApi ? t('feed.share.viaApi') : t('feed.share.viaIntent')}
      />
      <TextAreaField
        label={t('feed.share.text')}
        hint={t('feed.share.textHint')}
        rows={5}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setAcknowledged(false);
        }}
        errors={fieldErrors(create.error, 'text')}
      />
      <p className={`char-counter${tooLong ? ' char-counter--over' : ''}`} aria-live="polite" data-testid="char-counter">
        {t('feed.share.counter', { length, limit: option.limit })}
      </p>
      <RuleList title={t('feed.share.blocked')} hits={blocks} tone="error" />
      {warnings.length > 0 && (
        <>
          <RuleList title={t('feed.share.warnings')} hits={warnings} tone="warning" />
          <label className="checkbox">
            <input type="checkbox" checked={acknowledged} onChange={(event) => setAcknowledged(event.target.checked)} />{' '}
            {t('feed.share.acknowledge')}
          </label>
        </>
      )}
      <section className="share-preview" aria-label={t('feed.share.preview')}>
        <p className="share-preview__label">{t('feed.share.preview')}</p>
        <p className="share-preview__text">{check.data?.text ?? text}</p>
        <div className="share-preview__card">
          {imageUrl && <img src={imageUrl} alt="" style={{ maxWidth: '100%', height: 'auto' }} />}
          <span>{contentTitle}</span>
          <span className="muted">{new URL(contentUrl).hostname}</span>
        </div>
        <p className="muted">{t('feed.share.linkNote')}</p>
      </section>
      {isApi && (
        <>
          <label className="checkbox">
            <input type="checkbox" checked={schedule} onChange={(event) => setSchedule(event.target.checked)} />{' '}
            {t('feed.share.scheduleLater')}
          </label>
          {schedule && (
            <DateTimeField
              label={t('feed.share.scheduledFor')}
              value={scheduledFor}
              onValueChange={setScheduledFor}
              errors={fieldErrors(create.error, 'scheduled_for')}
            />
          )}
        </>
      )}
      <div className="dialog__actions">
        <Button
          type="submit"
          isPending={create.isPending}
          disabled={tooLong || blocks.length > 0 || (warnings.length > 0 && !acknowledged) || (schedule && !scheduledFor)}
        >
          {isApi ? (schedule ? t('feed.share.schedule') : t('feed.share.post', { network: option.display_name })) : t('feed.share.openAndCopy')}
        </Button>
      </div>
    </form>
  );
}

export function ShareDialog({ contentId, title, onClose }: { contentId: number; title: string; onClose: () => void }) {
  const { t } = useTranslation();
  const compose = useShareCompose(contentId);
  return (
    <Dialog title={t('feed.share.title', { title })} onClose={onClose}>
      <ErrorAlert error={compose.error} />
      {compose.isPending && <Spinner />}
      {compose.data && !compose.data.guideline_accepted && <GuidelinePrompt />}
      {compose.data?.guideline_accepted && (
        <ShareForm
          contentId={contentId}
          contentTitle={compose.data.content.title}
          contentUrl={compose.data.content.url}
          imageUrl={compose.data.image_url}
          networks={compose.data.networks}
          onClose={onClose}
        />
      )}
      <div className="dialog__actions">
        <Button variant="secondary" onClick={onClose}>
          {t('common.cancel')}
        </Button>
      </div>
    </Dialog>
  );
}

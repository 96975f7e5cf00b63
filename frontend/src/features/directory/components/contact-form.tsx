import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

import { Button } from '@/components/ui/button';
import { SuccessAlert } from '@/components/ui/error-alert';
import { fieldErrors } from '@/components/ui/error-message';
import { FormError, SelectField, TextField } from '@/components/ui/form';
import { TextAreaField } from '@/components/ui/textarea';
import { useContactExpert, type ContactInput } from '@/features/directory/api/contact-expert';

const TOPICS = ['press', 'talk', 'customer', 'other'] as const;
type Topic = (typeof TOPICS)[number];

/** The public contact form; `website` is a honeypot that people never see or fill in. */
export function ContactForm({ slug, expertName }: { slug: string; expertName: string }) {
  const { t } = useTranslation();
  const contact = useContactExpert();
  const consentId = useId();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [organisation, setOrganisation] = useState('');
  const [topic, setTopic] = useState<Topic>('other');
  const [message, setMessage] = useState('');
  const [consent, setConsent] = useState(false);
  const [website, setWebsite] = useState('');
  const [consentMissing, setConsentMissing] = useState(false);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!consent) {
      setConsentMissing(true);
      return;
    }
    const data: ContactInput = {
      name: name.trim(),
      email: email.trim(),
      organisation: organisation.trim(),
      topic,
      message: message.trim(),
      consent: true,
      website,
    };
    contact.mutate({ slug, data });
  }

  if (contact.isSuccess) {
    return (
      <section className="card" aria-labelledby="contact-heading">
        <h2 id="contact-heading">{t('contact.title', { name: expertName })}</h2>
        <SuccessAlert>{t('contact.success', { name: expertName })}</SuccessAlert>
      </section>
    );
  }

  const consentErrors = [...(consentMissing ? [t('contact.consentRequired')] : []), ...fieldErrors(contact.error, 'consent')];

  return (
    <section className="card" aria-labelledby="contact-heading">
      <h2 id="contact-heading">{t('contact.title', { name: expertName })}</h2>
      <form className="form" onSubmit={handleSubmit} noValidate aria-labelledby="contact-heading">
        <FormError error={contact.error} />
        <TextField label={t('contact.name')} name="name" autoComplete="name" required maxLength={200} value={name} onChange={(event) => setName(event.target.value)} errors={fieldErrors(contact.error, 'name')} />
        <TextField label={t('contact.email')} name="email" type="email" autoComplete="email" required value={email} onChange={(event) => setEmail(event.target.value)} errors={fieldErrors(contact.error, 'email')} />
        <TextField label={t('contact.organisation')} name="organisation" autoComplete="organization" maxLength={200} value={organisation} onChange={(event) => setOrganisation(event.target.value)} errors={fieldErrors(contact.error, 'organisation')} />
        <SelectField
          label={t('contact.topic')}
          name="topic"
          value={topic}
          onChange={(event) => setTopic(event.target.value as Topic)}
          options={TOPICS.map((value) => ({ value, label: t(`contact.topics.${value}`) }))}
          errors={fieldErrors(contact.error, 'topic')}
        />
        <TextAreaField label={t('contact.message')} name="message" required rows={6} maxLength={5000} value={message} onChange={(event) => setMessage(event.target.value)} errors={fieldErrors(contact.error, 'message')} />
        {/* Honeypot: hidden from people and assistive technology, never focused, never autofilled. */}
        <div className="honeypot" aria-hidden="true" data-testid="honeypot">
          <label htmlFor={`${consentId}-website`}>Website</label>
          <input id={`${consentId}-website`} type="text" name="website" tabIndex={-1} autoComplete="off" value={website} onChange={(event) => setWebsite(event.target.value)} />
        </div>
        <div className={`field field--checkbox${consentErrors.length > 0 ? ' field--invalid' : ''}`}>
          <input
            id={consentId}
            type="checkbox"
            name="consent"
            required
            checked={consent}
            aria-invalid={consentErrors.length > 0 || undefined}
            aria-describedby={consentErrors.length > 0 ? `${consentId}-error` : undefined}
            onChange={(event) => {
              setConsent(event.target.checked);
              if (event.target.checked) setConsentMissing(false);
            }}
          />
          <label htmlFor={consentId}>{t('contact.consent', { name: expertName })}</label>
          {consentErrors.length > 0 && (
            <ul className="field__errors" id={`${consentId}-error`} role="alert">
              {consentErrors.map((error) => (
                <li key={error}>{error}</li>
              ))}
            </ul>
          )}
        </div>
        <div className="form__actions">
          <Button type="submit" isPending={contact.isPending}>
            {t('contact.submit')}
          </Button>
        </div>
      </form>
    </section>
  );
}

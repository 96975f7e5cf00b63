import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { Button } from '@/components/ui/button';
import { ErrorAlert } from '@/components/ui/error-alert';
import { Card } from '@/components/ui/page';
import { uploadPhoto, useDeletePhoto, useProfileMutation, type MyProfile } from '@/features/profile/api/profile';

const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'];
const MAX_PHOTO_BYTES = 5 * 1024 * 1024;

export function PhotoSection({ profile }: { profile: MyProfile }) {
  const { t } = useTranslation();
  const inputId = useId();
  const upload = useProfileMutation(uploadPhoto);
  const remove = useDeletePhoto();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const previewRef = useRef<string | null>(null);

  function showPreview(url: string | null) {
    if (previewRef.current) URL.revokeObjectURL(previewRef.current);
    previewRef.current = url;
    setPreview(url);
  }

  // Release the last preview when the page goes away.
  useEffect(
    () => () => {
      if (previewRef.current) URL.revokeObjectURL(previewRef.current);
    },
    [],
  );

  function choose(chosen: File | undefined) {
    upload.reset();
    setFile(null);
    setProblem(null);
    showPreview(null);
    if (!chosen) return;
    if (!PHOTO_TYPES.includes(chosen.type)) setProblem(t('profile.photo.wrongType'));
    else if (chosen.size > MAX_PHOTO_BYTES) setProblem(t('profile.photo.tooLarge'));
    else {
      setFile(chosen);
      // jsdom and very old browsers have no object URLs; the upload works without a preview.
      if (typeof URL.createObjectURL === 'function') showPreview(URL.createObjectURL(chosen));
    }
  }

  const shown = preview ?? profile.photo_url;
  return (
    <Card title={t('profile.photo.title')}>
      <div className="photo-editor">
        {shown ? (
          <img className="photo-editor__image" src={shown} alt={t(preview ? 'profile.photo.previewAlt' : 'profile.photo.currentAlt')} width={128} height={128} />
        ) : (
          <p className="muted">{t('profile.photo.none')}</p>
        )}
        <div className="field">
          <label className="field__label" htmlFor={inputId}>
            {t('profile.photo.choose')}
          </label>
          <input
            id={inputId}
            type="file"
            accept={PHOTO_TYPES.join(',')}
            aria-describedby={`${inputId}-hint`}
            aria-invalid={problem ? true : undefined}
            onChange={(event) => choose(event.target.files?.[0])}
          />
          <p className="field__hint" id={`${inputId}-hint`}>
            {t('profile.photo.hint')}
          </p>
          {problem && (
            <p className="field__errors" role="alert">
              {problem}
            </p>
          )}
        </div>
        <ErrorAlert error={upload.error ?? remove.error} />
        <div className="form__actions">
          <Button disabled={!file} isPending={upload.isPending} onClick={() => file && upload.mutate(file, { onSuccess: () => { setFile(null); showPreview(null); } })}>
            {t('profile.photo.upload')}
          </Button>
          {profile.photo_url && (
            <Button variant="secondary" isPending={remove.isPending} onClick={() => remove.mutate()}>
              {t('profile.photo.remove')}
            </Button>
          )}
        </div>
      </div>
    </Card>
  );
}

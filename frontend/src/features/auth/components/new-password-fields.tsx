import { useTranslation } from 'react-i18next';

import { TextField } from '@/components/ui/form';
import { fieldErrors } from '@/components/ui/error-message';

/** Password + repetition; the mismatch check is local, strength rules come from the server. */
export function NewPasswordFields({
  password,
  repeat,
  onPasswordChange,
  onRepeatChange,
  error,
  showMismatch,
}: {
  password: string;
  repeat: string;
  onPasswordChange: (value: string) => void;
  onRepeatChange: (value: string) => void;
  error: unknown;
  showMismatch: boolean;
}) {
  const { t } = useTranslation();
  return (
    <>
      <TextField
        label={t('fields.newPassword')}
        type="password"
        name="password"
        autoComplete="new-password"
        required
        value={password}
        onChange={(event) => onPasswordChange(event.target.value)}
        hint={t('auth.passwordHint')}
        errors={fieldErrors(error, 'password')}
      />
      <TextField
        label={t('fields.repeatPassword')}
        type="password"
        name="password_repeat"
        autoComplete="new-password"
        required
        value={repeat}
        onChange={(event) => onRepeatChange(event.target.value)}
        errors={showMismatch ? [t('auth.passwordMismatch')] : []}
      />
    </>
  );
}

import { useTranslation } from 'react-i18next';

import { errorMessage } from '@/components/ui/error-message';

/** Announces an error (role="alert"); shows the server's message when it sent one. */
export function ErrorAlert({ error, title }: { error: unknown; title?: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <div className="alert alert--error" role="alert">
      {title && <p className="alert__title">{title}</p>}
      <p>{errorMessage(error, t)}</p>
    </div>
  );
}

export function SuccessAlert({ children }: { children: React.ReactNode }) {
  return (
    <div className="alert alert--success" role="status">
      {children}
    </div>
  );
}

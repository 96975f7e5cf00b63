import { useTranslation } from 'react-i18next';

import { SUPPORTED_LANGUAGES, type Language } from '@/config/constants';
import { changeLanguage, currentLanguage } from '@/lib/i18n';

/** DE / EN toggle; the choice is stored in localStorage by changeLanguage(). */
export function LanguageSwitch({ onChange }: { onChange?: (language: Language) => void }) {
  const { t, i18n } = useTranslation();
  const active = i18n.resolvedLanguage ?? currentLanguage();
  return (
    <div className="language-switch" role="group" aria-label={t('language.label')}>
      {SUPPORTED_LANGUAGES.map((language) => (
        <button
          key={language}
          type="button"
          className="language-switch__option"
          aria-pressed={active === language}
          lang={language}
          title={t(`language.names.${language}`)}
          onClick={() => {
            if (active === language) return;
            void changeLanguage(language);
            onChange?.(language);
          }}
        >
          <span aria-hidden="true">{language.toUpperCase()}</span>
          <span className="visually-hidden">{t(`language.names.${language}`)}</span>
        </button>
      ))}
    </div>
  );
}

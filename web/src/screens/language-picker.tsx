import { FormattedMessage } from 'react-intl';
import { useId } from 'react';
import { LANGUAGES, isLanguage } from '../i18n/locales.js';
import { useSession } from '../session.js';

/** Each language named in itself, so a reader finds theirs whatever the page is in. */
export function LanguagePicker() {
  const { language, setLanguage } = useSession();
  const id = useId();
  return (
    <div className="language-picker">
      <label htmlFor={id}>
        <FormattedMessage id="nav.language" />
      </label>
      <select
        id={id}
        value={language}
        onChange={(e) => {
          if (isLanguage(e.target.value)) void setLanguage(e.target.value);
        }}
      >
        {LANGUAGES.map((l) => (
          <option key={l.code} value={l.code} lang={l.code}>
            {l.name}
          </option>
        ))}
      </select>
    </div>
  );
}

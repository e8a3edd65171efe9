import { FormattedMessage } from 'react-intl';
import { useTerms } from '../i18n/terms.js';
import type { Person } from '../types.js';

/** The person's details, or why they are not shown: redacted by the access rules, or erased. */
export function PersonPanel({ person }: { person: Person }) {
  const { t, day } = useTerms();
  return (
    <section aria-labelledby="person-title" className="panel">
      <h2 id="person-title">
        <FormattedMessage id="person.title" />
      </h2>
      {'redacted' in person ? (
        <p className="notice" data-testid="person-redacted">
          <FormattedMessage id="person.redacted" />
        </p>
      ) : person.erased ? (
        <p className="notice" data-testid="person-erased">
          <FormattedMessage id="person.erased" />
        </p>
      ) : (
        <dl className="details">
          {(
            [
              ['fullName', person.details.fullName],
              ['otherNames', person.details.otherNames?.join(', ')],
              ['dateOfBirth', person.details.dateOfBirth && day(person.details.dateOfBirth)],
              ['placeOfOrigin', person.details.placeOfOrigin],
              ['languages', person.details.languages?.join(', ')],
              ['familyContacts', person.details.familyContacts?.join('; ')],
              ['notes', person.details.notes],
            ] as const
          )
            .filter(([, value]) => value)
            .map(([key, value]) => (
              <div key={key}>
                <dt>{t(`field.${key}`)}</dt>
                <dd>{value}</dd>
              </div>
            ))}
        </dl>
      )}
    </section>
  );
}

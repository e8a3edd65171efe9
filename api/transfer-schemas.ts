/** HTTP schemas of the suspect-transfer, link and track-change routes. */
import { Type, type Static } from 'typebox';
import { CountrySchema } from '../domain/repatriation/commands.js';
import { ActionSchemas, NationalitySchema, type Action } from '../domain/suspect-transfer/commands.js';
import { COUNTRIES } from '../domain/shared/countries.js';
import { codeOf } from '../domain/shared/schema.js';
import { PersonDetailsSchema } from './schemas.js';

const CaseId = Type.String({ format: 'uuid' });

export const CreateTransferBody = Type.Object(
  {
    holdingCountry: CountrySchema,
    receivingCountry: CountrySchema,
    nationality: NationalitySchema,
    person: Type.Object({ details: PersonDetailsSchema }, { additionalProperties: false }),
    linkedCaseIds: Type.Optional(
      Type.Array(CaseId, {
        uniqueItems: true,
        maxItems: 100,
        description: 'Trafficking cases (victims, other suspects) to link both ways.',
      }),
    ),
  },
  { additionalProperties: false },
);
export type CreateTransferBody = Static<typeof CreateTransferBody>;

/** Every transfer action, chosen by `type`; the discriminator makes errors name the intended action's fields. */
export const TransferActionBody = Type.Unsafe<Action>({
  type: 'object',
  oneOf: Object.values(ActionSchemas),
  discriminator: { propertyName: 'type' },
  description: 'An action on a suspect transfer. `link_case` links both cases (as POST /v1/cases/{caseId}/links does).',
});

export const TransferView = Type.Object({
  caseId: Type.String(),
  kind: Type.Literal('suspect_transfer'),
  version: Type.Integer(),
  status: Type.String(),
  stage: Type.Union([Type.String(), Type.Null()]),
  hold: Type.Union([Type.Object({ reason: Type.String(), reviewDate: Type.String() }), Type.Null()]),
  outcome: Type.Union([Type.Object({ code: Type.String(), completed: Type.Boolean() }), Type.Null()]),
  legalBasis: Type.Union([Type.String(), Type.Null()]),
  linkedCaseIds: Type.Array(Type.String()),
  waitingFor: Type.Array(Type.Object({ gate: Type.String(), requirement: Type.String() })),
  recorded: Type.Array(Type.Object({ eventId: Type.String(), type: Type.String(), streamPosition: Type.Integer() })),
});

const Person = Type.Union([
  Type.Object({ personId: Type.String(), erased: Type.Literal(false), details: PersonDetailsSchema }),
  Type.Object({ personId: Type.String(), erased: Type.Literal(true) }),
  Type.Object(
    { personId: Type.String(), redacted: Type.Literal(true) },
    { description: 'Personal details withheld from this role or agency.' },
  ),
]);

export const TransferDetail = Type.Object({
  ...TransferView.properties,
  allowedActions: Type.Array(Type.String(), {
    description: 'The action types this caller may perform now (the process rules and the access rules together).',
  }),
  holdingCountry: Type.String(),
  receivingCountry: Type.String(),
  nationality: Type.String(),
  owningAgencyId: Type.String(),
  openedAt: Type.String({ format: 'date-time' }),
  lastProgressAt: Type.String({ format: 'date-time' }),
  facts: Type.Record(Type.String(), Type.Unknown(), { description: 'What has been recorded so far (codes and references only).' }),
  nextSteps: Type.Array(Type.Object({ gate: Type.String(), action: Type.String(), side: Type.String(), country: Type.String() }), {
    description: 'What the transfer waits for: per open gate, the action that fulfils it and the country that performs it.',
  }),
  person: Person,
});

export const LinkBody = Type.Object({ caseId: CaseId }, { additionalProperties: false });

export const LinkedCase = Type.Object({
  caseId: Type.String(),
  kind: Type.String(),
  stage: Type.String(),
  status: Type.String(),
  outcome: Type.Union([Type.String(), Type.Null()]),
  linkedAt: Type.String({ format: 'date-time' }),
  reason: Type.Optional(Type.String({ description: 'same_person: a caseworker confirmed both cases are of one person' })),
});

export const RescreenAsVictimBody = Type.Object(
  {
    person: Type.Object(
      {
        sex: Type.Union([Type.Literal('female'), Type.Literal('male'), Type.Literal('other')]),
        ageGroup: Type.Union([Type.Literal('child'), Type.Literal('adult')]),
      },
      { additionalProperties: false },
    ),
    originCountry: Type.Optional(
      codeOf(COUNTRIES, { description: "The victim case's origin country; by default the transfer's nationality." }),
    ),
  },
  { additionalProperties: false },
);

export const RescreenAsSuspectBody = Type.Object(
  {
    receivingCountry: CountrySchema,
    nationality: Type.Optional(
      Type.String({ pattern: '^[A-Z]{2}$', description: "ISO 3166-1 alpha-2; by default the victim case's origin country." }),
    ),
  },
  { additionalProperties: false },
);

export const TrackChangeResult = Type.Object({
  from: Type.Object({
    caseId: Type.String(),
    kind: Type.String(),
    status: Type.String(),
    outcome: Type.Union([Type.String(), Type.Null()]),
  }),
  to: Type.Object({ caseId: Type.String(), kind: Type.String(), status: Type.String(), stage: Type.String() }),
});

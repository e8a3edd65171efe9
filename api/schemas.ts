/** HTTP request and response schemas (TypeBox); they validate requests and make the OpenAPI document. */
import { Type, type Static } from 'typebox';
import { ActionSchemas, CountrySchema } from '../domain/repatriation/commands.js';
import { STAGES, type Action } from '../domain/repatriation/index.js';
import { codeOf } from '../domain/shared/schema.js';

const IsoDate = Type.String({ format: 'date' });

export const PersonDetailsSchema = Type.Object(
  {
    fullName: Type.String({ minLength: 1, maxLength: 200 }),
    otherNames: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 20 })),
    dateOfBirth: Type.Optional(IsoDate),
    placeOfOrigin: Type.Optional(Type.String({ maxLength: 300 })),
    languages: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 50 }), { maxItems: 10 })),
    familyContacts: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 300 }), { maxItems: 20 })),
    documentNumbers: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 50 }), {
        maxItems: 10,
        description: 'Travel-document and identity numbers, as written (spaces and dashes are ignored when matching).',
      }),
    ),
    notes: Type.Optional(Type.String({ maxLength: 5000 })),
  },
  { additionalProperties: false, description: 'Personal data: kept only in the person vault, never in events or logs.' },
);

export const CreateCaseBody = Type.Object(
  {
    hostCountry: CountrySchema,
    originCountry: CountrySchema,
    person: Type.Object(
      {
        sex: Type.Union([Type.Literal('female'), Type.Literal('male'), Type.Literal('other')]),
        ageGroup: Type.Union([Type.Literal('child'), Type.Literal('adult')]),
        details: PersonDetailsSchema,
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type CreateCaseBody = Static<typeof CreateCaseBody>;

/**
 * Every caseworker action, one schema each, chosen by `type`. The discriminator makes validation
 * errors name the fields of the intended action instead of every alternative's.
 */
export const ActionBody = Type.Unsafe<Action>({
  type: 'object',
  oneOf: Object.values(ActionSchemas),
  discriminator: { propertyName: 'type' },
  description: 'A caseworker action. `type` selects the action; each has its own fields.',
});

export const CaseIdParams = Type.Object({ caseId: Type.String({ format: 'uuid' }) }, { additionalProperties: false });

export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 200,
      description: 'Resend with the same key: the first result is returned and nothing is written twice.',
    }),
  ),
});

export const CaseListQuery = Type.Object(
  {
    stage: Type.Optional(codeOf(STAGES)),
    status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('on_hold'), Type.Literal('closed')])),
    country: Type.Optional(CountrySchema),
    kind: Type.Optional(Type.Union([Type.Literal('victim_repatriation'), Type.Literal('suspect_transfer')])),
    overdue: Type.Optional(
      Type.Boolean({ description: "true: open cases past their step's deadline (as /v1/monitoring/stalled); false: all others" }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    cursor: Type.Optional(Type.String({ maxLength: 200, description: 'nextCursor from the previous page' })),
  },
  { additionalProperties: false },
);

export const EventsQuery = Type.Object(
  {
    after: Type.Optional(Type.Integer({ minimum: 0, default: 0, description: 'Stream position to continue after' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 200 })),
  },
  { additionalProperties: false },
);

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const CaseSummary = Type.Object({
  caseId: Type.String(),
  kind: Type.String(),
  stage: Type.String(),
  status: Type.String(),
  hostCountry: Type.String(),
  originCountry: Type.String(),
  owningAgencyId: Type.String(),
  ageGroup: Type.String(),
  sex: Type.String(),
  hold: Type.Union([Type.Object({ reason: Type.String(), reviewDate: Type.String() }), Type.Null()]),
  outcome: Nullable(Type.String()),
  openedAt: Type.String({ format: 'date-time' }),
  lastProgressAt: Type.String({ format: 'date-time' }),
  version: Type.Integer(),
  step: Type.Union([Type.String(), Type.Null()], { description: 'The step the case waits for (whoever holds it), if any' }),
  stepDueAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
    description: "That step's deadline; while on hold, the hold's review date",
  }),
  overdue: Type.Boolean({ description: "Open and past the step's deadline" }),
});

const WaitingFor = Type.Array(Type.Object({ gate: Type.String(), requirement: Type.String() }));

export const CaseDetail = Type.Object({
  ...CaseSummary.properties,
  waitingFor: WaitingFor,
  allowedActions: Type.Array(Type.String(), {
    description: 'The action types this caller may perform now (the process rules and the access rules together).',
  }),
  allowedRequests: Type.Array(Type.Union([Type.Literal('link'), Type.Literal('rescreen_as_suspect'), Type.Literal('rescreen_as_victim')]), {
    description:
      'Requests besides actions this caller may make now: link (POST /v1/cases/{caseId}/links), rescreen_as_suspect, rescreen_as_victim (track change).',
  }),
  person: Type.Union([
    Type.Object({ personId: Type.String(), erased: Type.Literal(false), details: PersonDetailsSchema }),
    Type.Object({ personId: Type.String(), erased: Type.Literal(true) }),
    Type.Object(
      { personId: Type.String(), redacted: Type.Literal(true) },
      {
        description:
          'Personal details withheld: this role or agency does not need them, or the victim has not consented to notifying the origin country.',
      },
    ),
  ]),
});

export const CommandResult = Type.Object({
  caseId: Type.String(),
  version: Type.Integer(),
  status: Type.String(),
  stage: Nullable(Type.String()),
  hold: Type.Union([Type.Object({ reason: Type.String(), reviewDate: Type.String() }), Type.Null()]),
  outcome: Type.Union([Type.Object({ code: Type.String(), completed: Type.Boolean() }), Type.Null()]),
  waitingFor: WaitingFor,
  deadline: Type.Union([
    Type.Object({
      step: Type.String(),
      dueAt: Type.String({ format: 'date-time' }),
      escalateAt: Type.String({ format: 'date-time' }),
      holder: Type.Object({ side: Type.String(), agencyKind: Type.String(), country: Type.String() }),
    }),
    Type.Null(),
  ]),
  overdue: Type.Union([Type.Object({ step: Type.String(), dueAt: Type.String(), escalated: Type.Boolean() }), Type.Null()]),
  recorded: Type.Array(Type.Object({ eventId: Type.String(), type: Type.String(), streamPosition: Type.Integer() })),
});

export const CaseEvent = Type.Object({
  streamPosition: Type.Integer(),
  globalPosition: Type.String(),
  eventId: Type.String(),
  type: Type.String(),
  data: Type.Record(Type.String(), Type.Unknown()),
  actorId: Type.String(),
  actorKind: Type.Union([Type.Literal('person'), Type.Literal('service'), Type.Literal('system'), Type.Literal('unknown')], {
    description:
      'person: an account of Homeward (actorName is its display name); service: a service token; system: the case timer or a batch',
  }),
  actorName: Type.Union([Type.String(), Type.Null()], { description: "The account's display name; null for any other actor" }),
  agencyId: Type.String(),
  agencyName: Type.Union([Type.String(), Type.Null()], { description: "The agency's name in the registry" }),
  recordedAt: Type.String({ format: 'date-time' }),
});

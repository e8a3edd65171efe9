/** HTTP schemas of the handover-batch routes: request bodies from the domain's command schemas. */
import { Type, type TObject, type TProperties } from 'typebox';
import { BatchCommandSchemas, PlanBatchSchema } from '../domain/handover-batch/commands.js';

/** The command's fields without its `type` (the route names the command), still closed to unknown fields. */
const bodyOf = <P extends TProperties & { type: unknown }>(schema: TObject<P>) => {
  const { type: _type, ...props } = schema.properties;
  return Type.Object(props as Omit<P, 'type'>, { additionalProperties: false });
};

export const PlanBatchBody = (() => {
  const { type: _type, batchId: _id, ...props } = PlanBatchSchema.properties;
  return Type.Object(props, { additionalProperties: false });
})();
export const ChangeMembersBody = bodyOf(BatchCommandSchemas.change_members);
export const RescheduleBody = bodyOf(BatchCommandSchemas.reschedule);
export const ConfirmBody = bodyOf(BatchCommandSchemas.confirm_handover);
export const ExcludeBody = bodyOf(BatchCommandSchemas.exclude);
export const CancelBody = bodyOf(BatchCommandSchemas.cancel);
export const LockBody = bodyOf(BatchCommandSchemas.lock);

export const BatchIdParams = Type.Object({ batchId: Type.String({ format: 'uuid' }) }, { additionalProperties: false });

const Count = Type.Integer({ minimum: 0 });
const Progress = Type.Object({
  members: Count,
  sendingConfirmed: Count,
  receivingConfirmed: Count,
  handedOver: Count,
  excluded: Count,
  awaiting: Count,
});

/** The batch as a command leaves it (from the workflow). */
export const BatchCommandResult = Type.Object({
  batchId: Type.String(),
  version: Type.Integer(),
  status: Type.String(),
  crossingPoint: Type.Union([Type.String(), Type.Null()]),
  plannedDate: Type.Union([Type.String(), Type.Null()]),
  manifestVersion: Type.Integer(),
  progress: Type.Object({ ...Progress.properties, casesPending: Count }),
  result: Type.Union([Type.Object({ recorded: Count, alreadyRecorded: Count }), Type.Null()]),
});

const StepCount = Type.Object({ done: Count, refused: Count });

/** The batch as the read model shows it, with how far the people's own cases have followed. */
export const BatchDetail = Type.Object({
  batchId: Type.String(),
  allowedActions: Type.Optional(
    Type.Array(Type.String(), {
      description: 'The action types this caller may perform now (the process rules and the access rules together).',
    }),
  ),

  status: Type.String(),
  crossingPoint: Type.String(),
  plannedDate: Type.String(),
  sendingAgencyId: Type.String(),
  receivingAgencyId: Type.String(),
  fromCountry: Type.String(),
  toCountry: Type.String(),
  manifestVersion: Type.Integer(),
  noticeIssuedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  outcome: Type.Union([Type.String(), Type.Null()]),
  version: Type.Integer(),
  progress: Type.Object({ ...Progress.properties, casesRefused: Count }),
  caseSteps: Type.Object({ schedule: StepCount, sending: StepCount, receiving: StepCount }),
});

export const BatchMember = Type.Object({
  caseId: Type.String(),
  status: Type.String(),
  sendingConfirmed: Type.Boolean(),
  receivingConfirmed: Type.Boolean(),
  exclusionReason: Type.Union([Type.String(), Type.Null()]),
  caseSteps: Type.Record(Type.String(), Type.String()),
  caseRefusal: Type.Union([Type.String(), Type.Null()]),
});

export const MembersQuery = Type.Object(
  {
    status: Type.Optional(
      Type.Union([Type.Literal('in_batch'), Type.Literal('handed_over'), Type.Literal('excluded'), Type.Literal('removed')]),
    ),
    after: Type.Optional(Type.String({ format: 'uuid', description: 'Continue after this case id (nextAfter of the previous page)' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 200 })),
  },
  { additionalProperties: false },
);

export const ManifestQuery = Type.Object(
  { version: Type.Optional(Type.Integer({ minimum: 1, description: 'A notice version; the latest by default' })) },
  { additionalProperties: false },
);

export const Manifest = Type.Object({
  batchId: Type.String(),
  version: Type.Integer(),
  reason: Type.String(),
  issuedAt: Type.String({ format: 'date-time' }),
  plannedDate: Type.String(),
  crossingPoint: Type.String(),
  sendingAgencyId: Type.String(),
  receivingAgencyId: Type.String(),
  daysBefore: Type.Integer(),
  added: Type.Array(Type.String()),
  removed: Type.Array(Type.String()),
  people: Type.Integer(),
  entries: Type.Array(
    Type.Object({
      caseId: Type.String(),
      nationality: Type.String(),
      sex: Type.String(),
      ageGroup: Type.String(),
      travelDocument: Type.String(),
    }),
  ),
});

export const BatchListQuery = Type.Object(
  {
    status: Type.Optional(Type.Union([Type.Literal('draft'), Type.Literal('locked'), Type.Literal('closed'), Type.Literal('cancelled')])),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  },
  { additionalProperties: false },
);

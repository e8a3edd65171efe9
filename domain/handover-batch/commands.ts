/**
 * Commands on a handover batch, as JSON schemas (TypeBox) so that the HTTP API, its OpenAPI document
 * and the domain types come from one definition. A batch lists cases by id; nothing personal.
 */
import { Type, type Static } from 'typebox';
import { COUNTRIES } from '../shared/countries.js';
import { CaseId, codeOf, IsoDate, Ref } from '../shared/schema.js';
import { CANCEL_REASONS, EXCLUSION_REASONS, HANDOVER_SIDES, MAX_BATCH_SIZE } from './vocabulary.js';

const CaseIds = (description: string, minItems = 1) =>
  Type.Array(CaseId, { minItems, maxItems: MAX_BATCH_SIZE, uniqueItems: true, description });
const Country = codeOf(COUNTRIES, { description: 'ISO 3166-1 alpha-2 country code' });
const command = <T extends string, P extends Record<string, any>>(type: T, props: P) =>
  Type.Object({ type: Type.Literal(type), ...props }, { additionalProperties: false });

export const PlanBatchSchema = command('plan_batch', {
  batchId: CaseId,
  crossingPoint: Ref,
  plannedDate: IsoDate,
  sendingAgencyId: Ref,
  receivingAgencyId: Ref,
  /** The direction of travel: people leave `fromCountry` (the host) for `toCountry` (their origin). */
  fromCountry: Country,
  toCountry: Country,
});

export const BatchCommandSchemas = {
  change_members: command('change_members', {
    add: Type.Optional(CaseIds('Cases to add: each must be ready for handover on this corridor and in no other open batch.', 0)),
    remove: Type.Optional(CaseIds('Cases to take off the batch (before anyone confirms their handover).', 0)),
  }),
  reschedule: command('reschedule', { plannedDate: Type.Optional(IsoDate), crossingPoint: Type.Optional(Ref) }),
  lock: command('lock', {}),
  confirm_handover: command('confirm_handover', {
    side: codeOf(HANDOVER_SIDES),
    caseIds: CaseIds('People whose handover this side confirms.'),
  }),
  exclude: command('exclude', {
    exclusions: Type.Array(Type.Object({ caseId: CaseId, reason: codeOf(EXCLUSION_REASONS) }, { additionalProperties: false }), {
      minItems: 1,
      maxItems: MAX_BATCH_SIZE,
    }),
  }),
  cancel: command('cancel', { reason: codeOf(CANCEL_REASONS) }),
} as const;

export type PlanBatch = Static<typeof PlanBatchSchema>;
export type BatchCommandType = keyof typeof BatchCommandSchemas;
export type BatchAction = { [K in BatchCommandType]: Static<(typeof BatchCommandSchemas)[K]> }[BatchCommandType];
export type BatchActionOf<K extends BatchCommandType> = Extract<BatchAction, { type: K }>;

/** Issued by the batch workflow itself once every person is accounted for; never over HTTP. */
export type CloseBatch = { type: 'close' };

export type BatchCommand = PlanBatch | BatchAction | CloseBatch;

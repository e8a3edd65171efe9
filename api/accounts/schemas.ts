/** Request and response schemas of the sign-in and account routes. */
import { Type } from 'typebox';
import { ROLES } from '../auth.js';

export const MeSchema = Type.Object({
  userId: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  agencyId: Type.String(),
  agency: Type.Object({ id: Type.String(), name: Type.String(), country: Type.String(), kind: Type.String() }),
  role: Type.String(),
  language: Type.String(),
  secondFactor: Type.Object({ enrolled: Type.Boolean(), required: Type.Boolean() }),
  capabilities: Type.Array(Type.String(), { description: 'What this role may use: cases.act, monitoring, audit, accounts' }),
});

export const SignInAnswerSchema = Type.Object({
  status: Type.Union([Type.Literal('signed_in'), Type.Literal('second_factor_required'), Type.Literal('enrolment_required')]),
  me: Type.Optional(MeSchema),
  challenge: Type.Optional(Type.String()),
  recoveryCodes: Type.Optional(Type.Array(Type.String())),
});

export const EnrolmentSchema = Type.Object({ secret: Type.String(), otpauthUrl: Type.String(), qrSvg: Type.String() });

export const UserSchema = Type.Object({
  userId: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  agencyId: Type.String(),
  role: Type.String(),
  language: Type.String(),
  status: Type.String(),
  secondFactorEnrolled: Type.Boolean(),
  singleSignOn: Type.Boolean(),
  createdAt: Type.String(),
  lastSeenAt: Type.Union([Type.String(), Type.Null()]),
});

export const RoleSchema = Type.Union(ROLES.map((role) => Type.Literal(role)));
/** BCP 47 tags of the console's languages and their neighbours. */
export const LanguageSchema = Type.String({ pattern: '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$', maxLength: 35 });
export const UsernameSchema = Type.String({ pattern: '^[A-Za-z0-9._@-]+$', minLength: 3, maxLength: 100 });
export const DisplayNameSchema = Type.String({ minLength: 1, maxLength: 200, pattern: '^[^\\u0000]*$' });
export const SecretInput = (maxLength = 256) => Type.String({ minLength: 1, maxLength, pattern: '^[^\\u0000]*$' });
export const UuidParam = Type.String({ format: 'uuid' });

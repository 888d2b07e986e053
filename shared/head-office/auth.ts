/**
 * Head-office HTTP contract for sign-in and accounts, shared by the server
 * and the desktop's sync client.
 */
import { z } from 'zod';
import { visibleText } from '../contract/text.js';
import { SKILL_GROUPS } from '../domain/routing.js';

export const Role = z.enum(['agent', 'lead', 'admin']);
export type Role = z.infer<typeof Role>;

const Login = z.string().trim().regex(/^[A-Za-z0-9_.-]{2,32}$/);

export const LoginRequest = z.strictObject({ login: Login, password: z.string().min(1).max(200) });
export const RefreshRequest = z.strictObject({ refreshToken: z.string().min(20).max(200) });

export const AccountView = z.object({
  id: z.string().uuid(),
  login: z.string(),
  displayName: z.string(),
  role: Role,
  officeId: z.string().uuid().nullable(),
});
export type AccountView = z.infer<typeof AccountView>;

export const SessionTokens = z.object({
  accessToken: z.string(),
  /** Seconds until the access token expires. */
  expiresIn: z.number().int(),
  refreshToken: z.string(),
  account: AccountView,
});
export type SessionTokens = z.infer<typeof SessionTokens>;

export const CreateOfficeRequest = z.strictObject({
  code: z.string().trim().regex(/^[A-Za-z0-9_-]{2,32}$/),
  name: visibleText(60),
});

export const CreateAccountRequest = z.strictObject({
  login: Login,
  displayName: visibleText(40),
  role: Role,
  officeId: z.string().uuid().nullable(),
  password: z.string().min(10, 'passwords have at least 10 characters').max(200),
});

export const UpdateAccountRequest = z.strictObject({
  role: Role.optional(),
  officeId: z.string().uuid().nullable().optional(),
  disabled: z.boolean().optional(),
  /** The skill groups whose conversations the agent is offered. */
  skills: z.array(z.enum(SKILL_GROUPS)).max(SKILL_GROUPS.length).optional(),
  /** Concurrent text conversations the agent takes at most. */
  maxConversations: z.number().int().min(0).max(50).optional(),
});

/** Every error the head office answers with. */
export const HeadOfficeError = z.object({
  error: z.object({
    code: z.enum(['BAD_REQUEST', 'UNAUTHENTICATED', 'TOKEN_EXPIRED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'RATE_LIMITED', 'PAYLOAD_TOO_LARGE', 'INTERNAL',
      // The identity check (身份核实): unmasked data needs a verified customer; three wrong answers lock the check.
      'NOT_VERIFIED', 'VERIFICATION_EXPIRED', 'VERIFICATION_LOCKED',
      // The audit log: a lead asked for another office's entries.
      'OUTSIDE_OFFICE',
      // A claim asked to move to a stage that does not come next (stages are never skipped nor gone back to).
      'CLAIM_STAGE_ORDER',
      // 核赔结案 asked while a 24-hour request for missing materials is still open.
      'MATERIALS_OUTSTANDING']),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});
export type HeadOfficeErrorCode = z.infer<typeof HeadOfficeError>['error']['code'];

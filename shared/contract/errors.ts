/**
 * Typed errors that cross the process boundary. The renderer localizes by
 * `code`; `message` is for logs and developers, never shown raw to an agent.
 */
export const DESK_ERROR_CODES = [
  'INVALID_INPUT',
  'UNKNOWN_CALL',
  'NOT_FOUND',
  'INVALID_TRANSITION',
  'READ_ONLY',
  'NOT_REGISTERED',
  'CONFLICT',
  'FORBIDDEN',
  /** Head office did not accept the login and password (or is refusing sign-ins for a while). */
  'SIGN_IN_FAILED',
  /** Head office could not be reached; the desk keeps working on its cache. */
  'HEAD_OFFICE_UNREACHABLE',
  /** The customer or a colleague wrote since the agent last looked: the reply waits until they have read it. */
  'CONVERSATION_CHANGED',
  /** The reply uses forbidden service wording the agent has not confirmed sending. */
  'WORDING_NOT_CONFIRMED',
  /** A solved complaint is closed only with the customer's satisfaction from the call back (回访). */
  'SATISFACTION_REQUIRED',
  /** Only with a head office (live routing, the lead's queue, transfers). */
  'NO_HEAD_OFFICE',
  /** The customer's identity is not verified for this conversation (身份核实): clear values stay hidden. */
  'NOT_VERIFIED',
  /** The verification ran out (or the conversation ended): check again. */
  'VERIFICATION_EXPIRED',
  /** Three wrong answers: the identity check of this customer is locked for a while. */
  'VERIFICATION_LOCKED',
  /** Asked again too soon (a new SMS code): wait a little. */
  'TOO_SOON',
  'INTERNAL',
  'TRANSPORT',
] as const;

export type DeskErrorCode = (typeof DESK_ERROR_CODES)[number];

export interface DeskErrorIssue {
  path: string;
  message: string;
  /** Why the value is refused, as a code the desk explains (ISSUE_REASONS); without one the field is just "not valid". */
  reason?: IssueReason;
}

/** Typed reasons an input is refused for, each explained to the agent in their language. */
export const ISSUE_REASONS = ['required', 'in_the_past', 'lead_only', 'priority_below_level', 'not_complaint_team'] as const;
export type IssueReason = (typeof ISSUE_REASONS)[number];

export interface DeskErrorPayload {
  code: DeskErrorCode;
  message: string;
  issues?: DeskErrorIssue[];
}

export type DeskResult<T> = { ok: true; data: T } | { ok: false; error: DeskErrorPayload };

/** Thrown by services; the dispatcher turns it into a DeskErrorPayload. */
export class DeskError extends Error {
  readonly code: DeskErrorCode;
  readonly issues: DeskErrorIssue[] | undefined;

  constructor(code: DeskErrorCode, message: string, issues?: DeskErrorIssue[]) {
    super(message);
    this.name = 'DeskError';
    this.code = code;
    this.issues = issues;
  }

  toPayload(): DeskErrorPayload {
    return this.issues ? { code: this.code, message: this.message, issues: this.issues } : { code: this.code, message: this.message };
  }
}

export function isDeskErrorPayload(value: unknown): value is DeskErrorPayload {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as DeskErrorPayload).code === 'string' &&
    (DESK_ERROR_CODES as readonly string[]).includes((value as DeskErrorPayload).code)
  );
}

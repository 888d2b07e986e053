import type { HeadOfficeErrorCode } from '../../shared/head-office/auth.js';

const STATUS: Record<HeadOfficeErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  TOKEN_EXPIRED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  NOT_VERIFIED: 403,
  VERIFICATION_EXPIRED: 403,
  VERIFICATION_LOCKED: 423,
  OUTSIDE_OFFICE: 403,
  CLAIM_STAGE_ORDER: 409,
  MATERIALS_OUTSTANDING: 409,
};

/** A refusal with a code a client can act on and a message a person can read. */
export class HttpError extends Error {
  constructor(
    readonly code: HeadOfficeErrorCode,
    message: string,
    readonly issues?: { path: string; message: string }[],
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }

  get status(): number {
    return STATUS[this.code];
  }

  body() {
    return { error: { code: this.code, message: this.message, ...(this.issues ? { issues: this.issues } : {}) } };
  }
}

import type { FieldConflict } from '../../shared/head-office/sync.js';

/** A business rule said no: recorded with the mutation, the queue moves on. */
export class MutationRejected extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly conflict?: FieldConflict,
  ) {
    super(message);
  }
}

/** The mutation's rows are already here (it was resent after head office was restored, say): nothing to do. */
export class AlreadyApplied extends Error {}

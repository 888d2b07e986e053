import type { z } from 'zod';
import { DeskError } from '../../../../shared/contract/errors.js';
import type { AuditFilters, AuditSearchInput } from '../../../../shared/contract/audit-schemas.js';
import { AuditChainStatus, AuditPage } from '../../../../shared/head-office/audit.js';
import { HeadOfficeError, type HeadOfficeClient } from '../../head-office/head-office-client.js';
import { deskError } from '../live-conversations/head-office-calls.js';

type Filters = z.output<typeof AuditFilters>;

/** The filters as head office's query string: only those given, times as instants. */
function queryOf(filters: Filters, extra: Record<string, number | undefined> = {}): string {
  const params = new URLSearchParams();
  const named = { action: filters.auditAction, actor: filters.actorLogin, subject: filters.subjectId, customer: filters.customerName, text: filters.text };
  for (const [key, value] of Object.entries(named)) if (value) params.set(key, value);
  if (filters.since !== undefined) params.set('from', new Date(filters.since).toISOString());
  if (filters.until !== undefined) params.set('to', new Date(filters.until).toISOString());
  for (const [key, value] of Object.entries(extra)) if (value !== undefined) params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Another office's entries are as forbidden to the desk as the log is to an agent. */
function refused(err: unknown): never {
  if (err instanceof HeadOfficeError && err.kind === 'REFUSED' && err.code === 'OUTSIDE_OFFICE') throw new DeskError('FORBIDDEN', err.message);
  return deskError(err);
}

/**
 * The lead's audit log: nothing of it is kept on the desk; head office
 * scopes every answer to the lead's office and records each search and export.
 */
export function createAuditService(client: HeadOfficeClient) {
  return {
    search({ beforeEntry, limit, ...filters }: z.output<typeof AuditSearchInput>) {
      return client.get(`/api/audit${queryOf(filters, { before: beforeEntry, limit })}`, AuditPage).catch(refused);
    },

    verify() {
      return client.get('/api/audit/verify', AuditChainStatus).catch(refused);
    },

    async export(filters: Filters) {
      const { bytes, type } = await client.bytes(`/api/audit/export${queryOf(filters)}`).catch(refused);
      if (!type.startsWith('text/csv')) throw new DeskError('INTERNAL', 'head office did not answer with CSV');
      const stamp = new Date().toISOString().slice(0, 10);
      return { fileName: `audit-log-${stamp}.csv`, csv: bytes.toString('utf8') };
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;

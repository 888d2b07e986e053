import { z } from 'zod';
import { DeskError } from '../../../../shared/contract/errors.js';
import type { QueueSnapshot } from '../../../../shared/contract/schemas.js';
import { AgentPresence, QueueSnapshot as QueueSnapshotSchema } from '../../../../shared/head-office/conversations.js';
import { HeadOfficeError, type HeadOfficeClient } from '../../head-office/head-office-client.js';

export const Ok = z.object({ ok: z.literal(true) });

/** Head office's refusal, as the desk's typed error (the renderer localizes by code). */
export function deskError(err: unknown): never {
  if (err instanceof HeadOfficeError) {
    if (err.kind === 'REFUSED') {
      const code = err.code === 'NOT_FOUND' ? 'NOT_FOUND' : err.code === 'FORBIDDEN' ? 'FORBIDDEN' : err.code === 'BAD_REQUEST' ? 'INVALID_INPUT' : 'CONFLICT';
      throw new DeskError(code, err.message);
    }
    throw new DeskError('HEAD_OFFICE_UNREACHABLE', err.message);
  }
  throw err;
}

/** Calls that only ask head office (nothing of them is kept on the desk): colleagues, pictures, the lead's queue. */
export function headOfficeCalls(client: HeadOfficeClient, me: () => string | null) {
  return {
    async transferTargets() {
      const list = await client.get('/api/agents/presence', z.array(AgentPresence)).catch(deskError);
      return list.filter((a) => a.accountId !== me());
    },

    async image(conversationId: string, imageId: string) {
      const { bytes, type } = await client.bytes(`/api/conversations/${conversationId}/images/${imageId}`).catch(deskError);
      if (!/^image\/(jpeg|png|webp|gif)$/.test(type)) throw new DeskError('NOT_FOUND', 'not a picture');
      return { dataUrl: `data:${type};base64,${bytes.toString('base64')}` };
    },

    async queue(): Promise<QueueSnapshot> {
      return client.get('/api/queue', QueueSnapshotSchema).catch(deskError);
    },

    async assign(conversationId: string, accountId: string) {
      await client.send('POST', `/api/conversations/${conversationId}/assign`, { accountId }, Ok).catch(deskError);
      return { ok: true as const };
    },
  };
}

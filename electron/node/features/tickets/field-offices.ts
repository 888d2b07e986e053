import type { FieldOffice } from '../../../../shared/contract/onsite-schemas.js';
import { OfficeList } from '../../../../shared/head-office/offices.js';
import type { HeadOfficeClient } from '../../head-office/head-office-client.js';
import { deskError } from '../live-conversations/head-office-calls.js';

/** The offices an on-site support request may go to: read at head office each time, every office but the agent's own. */
export async function fieldOffices(client: HeadOfficeClient): Promise<FieldOffice[]> {
  const offices = await client.get('/api/offices', OfficeList).catch(deskError);
  return offices.filter((o) => !o.own).map(({ id, code, name }) => ({ id, code, name }));
}

import { z } from 'zod';

/** An office as staff see it in a list (GET /api/offices): where an on-site support request may be sent. `own`: the caller's office. */
export const OfficeListing = z.object({ id: z.string().uuid(), code: z.string(), name: z.string(), own: z.boolean() });
export type OfficeListing = z.infer<typeof OfficeListing>;
export const OfficeList = z.array(OfficeListing);

import { describe, expect, it } from 'vitest';
import { DeskError } from '../../../shared/contract/errors.js';
import { HeadOfficeError, type HeadOfficeClient } from '../../../electron/node/head-office/head-office-client.js';
import { createClaimService } from '../../../electron/node/features/claims/claim-service.js';
import { ReportClaimInput, RequestMaterialsInput } from '../../../shared/contract/claim-schemas.js';

/** A head office that refuses every call the way the real one does (status and typed code). */
const refusing = (status: number, code: string, issues?: { path: string; message: string }[]) =>
  ({
    send: () => Promise.reject(new HeadOfficeError('REFUSED', `refused: ${code}`, status, code, issues)),
    get: () => Promise.reject(new HeadOfficeError('REFUSED', `refused: ${code}`, status, code, issues)),
  }) as unknown as HeadOfficeClient;

const report = {
  conversationId: '0190b4c8-0000-7000-8000-000000000001',
  report: { id: '0190b4c8-0000-7000-8000-0000000000a1', policyId: '0190b4c8-0000-7000-8000-000000000002', type: 'traffic' as const, accidentAt: 1, place: '中山路', parties: [{ role: 'insured' as const }], account: '追尾', damage: '保险杠' },
};

describe('claims on the desk', () => {
  it('keep head office\'s NOT_VERIFIED, so the wizard can send the agent to the identity check', async () => {
    const err = await createClaimService(() => refusing(403, 'NOT_VERIFIED')).report(report).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeskError);
    expect((err as DeskError).code).toBe('NOT_VERIFIED');
  });
  it('answer another office\'s claim as not found', async () => {
    const err = await createClaimService(() => refusing(404, 'NOT_FOUND')).get('0190b4c8-0000-7000-8000-000000000003').catch((e: unknown) => e);
    expect((err as DeskError).code).toBe('NOT_FOUND');
  });
  it('keep the field and reason head office refused, so the form shows it at that field', async () => {
    const err = await createClaimService(() => refusing(400, 'BAD_REQUEST', [{ path: 'accidentAt', message: 'accident_outside_policy' }]))
      .report(report)
      .catch((e: unknown) => e);
    expect((err as DeskError).code).toBe('INVALID_INPUT');
    expect((err as DeskError).issues).toEqual([{ path: 'accidentAt', message: 'accident_outside_policy' }]);
  });
  it('keep which material requests block 核赔结案', async () => {
    const issues = [{ path: 'materialRequests', message: '0190b4c8-0000-7000-8000-000000000009' }];
    const err = await createClaimService(() => refusing(409, 'MATERIALS_OUTSTANDING', issues))
      .advance({ claimId: '0190b4c8-0000-7000-8000-000000000003', step: { to: 'settled', payoutYuan: 100 } })
      .catch((e: unknown) => e);
    expect((err as DeskError).code).toBe('CONFLICT');
    expect((err as DeskError).issues).toEqual(issues);
  });

  it('send the id the renderer made, the same on a retry, and make none of their own', async () => {
    const sent: { path: string; body: { id?: string } }[] = [];
    const recording = { send: (_m: string, path: string, body: { id?: string }) => (sent.push({ path, body }), Promise.reject(new HeadOfficeError('OFFLINE', 'timed out'))) } as unknown as HeadOfficeClient;
    const service = createClaimService(() => recording);
    // The answer is lost twice (head office may have committed the first): both attempts carry the draft's id.
    await service.report(report).catch(() => undefined);
    await service.report(report).catch(() => undefined);
    const request = { claimId: '0190b4c8-0000-7000-8000-000000000003', requestId: '0190b4c8-0000-7000-8000-0000000000b2', materials: ['维修发票'] };
    await service.requestMaterials(request).catch(() => undefined);
    await service.requestMaterials(request).catch(() => undefined);
    expect(sent.map((s) => s.body.id)).toEqual([report.report.id, report.report.id, request.requestId, request.requestId]);
  });
  it('take no report or material request without the renderer\'s id, and only a uuid', () => {
    const { id: _id, ...withoutId } = report.report;
    expect(ReportClaimInput.safeParse(report).success).toBe(true);
    expect(ReportClaimInput.safeParse({ ...report, report: withoutId }).success).toBe(false);
    expect(ReportClaimInput.safeParse({ ...report, report: { ...withoutId, id: 'draft-1' } }).success).toBe(false);
    const request = { claimId: '0190b4c8-0000-7000-8000-000000000003', materials: ['维修发票'] };
    expect(RequestMaterialsInput.safeParse(request).success).toBe(false);
    expect(RequestMaterialsInput.safeParse({ ...request, requestId: 'x' }).success).toBe(false);
    expect(RequestMaterialsInput.safeParse({ ...request, requestId: '0190b4c8-0000-7000-8000-0000000000b2' }).success).toBe(true);
  });
});

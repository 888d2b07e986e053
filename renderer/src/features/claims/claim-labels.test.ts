import { afterEach, describe, expect, it } from 'vitest';
import { CLAIM_MATERIALS, CLAIM_STAGES, CLAIM_TYPES, LATE_REPORT_MATERIALS, materialsChecklist } from '../../../../shared/domain/claims';
import { i18n } from '../../i18n';
import { materialLabel, materialList } from './claim-labels';

const HAN = /\p{Script=Han}/u;

afterEach(async () => {
  await i18n.changeLanguage('zh-CN');
});

describe('claim labels in the interface language', () => {
  it('name every material, stage and type in English without a Chinese character, and in Chinese as sent', async () => {
    const every = [...Object.values(CLAIM_MATERIALS), ...CLAIM_TYPES.flatMap((t) => [...materialsChecklist(t, [{ role: 'third_party' }]), ...LATE_REPORT_MATERIALS[t]])];
    for (const name of every) expect(materialLabel(i18n.t, name)).toBe(name);
    await i18n.changeLanguage('en');
    for (const name of every) expect(materialLabel(i18n.t, name), name).not.toMatch(HAN);
    for (const s of CLAIM_STAGES) expect(i18n.t(`claims.stages.${s}`)).not.toMatch(HAN);
    for (const t of CLAIM_TYPES) expect(i18n.t(`claims.typeNotes.${t}`)).not.toMatch(HAN);
    expect(i18n.t('claims.toCustomer')).toMatch(/in Chinese/);
  });

  it('join a list the way each language writes one', async () => {
    const list = [CLAIM_MATERIALS.police_finding, CLAIM_MATERIALS.repair_invoice];
    expect(materialList(i18n.t, list)).toBe('交警事故认定书、维修发票');
    await i18n.changeLanguage('en');
    expect(materialList(i18n.t, list)).toBe('Traffic police accident finding, Repair invoice');
  });
});

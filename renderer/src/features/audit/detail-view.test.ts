import { describe, expect, it } from 'vitest';
import { readableDetail, subjectText, type DetailWords } from './detail-view';

const LABELS: Record<string, string> = { after: '修改后', officeId: '所属网点', identityChanged: '身份信息变更', actingOfficeId: '操作人网点', filters: '查询条件', text: '关键词', how: '方式', from: '原跟进人', to: '新跟进人' };
const words: DetailWords = {
  key: (k) => LABELS[k] ?? k,
  value: (k, code) => (k === 'how' && code === 'put' ? '写入' : code),
  yes: '是',
  no: '否',
  none: '—',
  separator: '、',
};
const OFFICE = 'c8c6e07b-7e4c-446b-a624-3e7d9a4bfc6d';
const AGENT = '6d5f90de-b974-5f93-8844-4eb7a742468e';
const UNKNOWN = '1011f059-d1d3-5654-8ab6-6dbe4f0baed0';

describe("an audit entry's detail as a lead reads it", () => {
  it('labels keys, says yes or no, and names offices and accounts instead of showing their ids', () => {
    const lines = readableDetail(
      { how: 'put', after: { officeId: OFFICE, plates: ['苏E·***14', '苏E·***11'] }, identityChanged: false, actingOfficeId: null, from: AGENT, to: AGENT },
      { [OFFICE]: { kind: 'office', label: '苏州网点' }, [AGENT]: { kind: 'account', label: '张敏 (zhang01)' } },
      words,
    );
    expect(lines.map((l) => `${l.label} ${l.value}`)).toEqual([
      '方式 写入',
      '修改后 · 所属网点 苏州网点',
      '修改后 · plates 苏E·***14、苏E·***11',
      '身份信息变更 否',
      '操作人网点 —',
      '原跟进人 张敏 (zhang01)',
      '新跟进人 张敏 (zhang01)',
    ]);
    expect(JSON.stringify(lines)).not.toContain(OFFICE);
  });

  it('shows an id head office could not name as the id itself (a deleted ticket, a customer no office keeps), and keeps typed words as typed', () => {
    const lines = readableDetail({ conversationId: UNKNOWN, policyIds: [UNKNOWN, OFFICE], filters: { text: '<b>张</b>' } }, { [OFFICE]: { kind: 'office', label: '苏州网点' } }, words);
    expect(lines).toEqual([
      { path: 'conversationId', label: 'conversationId', value: UNKNOWN },
      { path: 'policyIds', label: 'policyIds', value: `${UNKNOWN}、苏州网点` },
      { path: 'filters.text', label: '查询条件 · 关键词', value: '<b>张</b>' },
    ]);
  });

  it("names the entry's subject, or shows its raw id when head office could not name it", () => {
    const names = { [AGENT]: { kind: 'account' as const, label: '张敏 (zhang01)' } };
    expect(subjectText(AGENT.toUpperCase(), names, '全部网点')).toBe('张敏 (zhang01)');
    expect(subjectText(UNKNOWN, names, '全部网点')).toBe(UNKNOWN);
    expect(subjectText('all', names, '全部网点')).toBe('全部网点');
  });
});

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Desk } from '../../electron/node/app/create-desk.js';
import { ensureLibraryIndex } from '../../electron/node/app/search-maintenance.js';
import { insertArticle, seedLibrary } from '../../electron/node/seed/seed-library.js';
import { indexScript, type ScriptRow } from '../../electron/node/features/scripts/script-store.js';
import { actAs, callOk, tempDesk, dispatchNow } from '../support/temp-desk.js';

interface Query {
  q: string;
  expect: string;
}
const queries = JSON.parse(readFileSync(resolve(import.meta.dirname, '../fixtures/kb-queries.json'), 'utf8')) as Query[];

let desk: Desk;
beforeAll(() => {
  desk = tempDesk();
});
afterAll(() => desk.close());

const ok = <T>(name: string, input: unknown): T => callOk<T>(desk, name, input);

describe('scripts and knowledge seeded from resources/', () => {
  it('loads at least 60 scripts and 80 articles, once', () => {
    expect(desk.db.prepare(`SELECT count(*) FROM scripts WHERE scope = 'team'`).pluck().get()).toBeGreaterThanOrEqual(60);
    expect(desk.db.prepare('SELECT count(*) FROM knowledge_articles').pluck().get()).toBeGreaterThanOrEqual(80);
    expect(seedLibrary(desk.context)).toEqual({ scripts: 0, articles: 0, revised: 0 });
  });

  it('takes a revised approved script from a newer library, keeping its use count', () => {
    const id = desk.db.prepare(`SELECT id FROM scripts WHERE code = 'claimReport.instruction'`).pluck().get() as string;
    desk.db.prepare(`UPDATE scripts SET body_zh = '旧版本的话术', use_count = 7 WHERE id = ?`).run(id);
    // As an earlier version left it: the index holds the old wording too.
    indexScript(desk.db, desk.db.prepare('SELECT * FROM scripts WHERE id = ?').get(id) as ScriptRow);
    expect(ok<{ id: string }[]>('scripts.search', { locale: 'zh-CN', query: '旧版本' }).map((s) => s.id)).toContain(id);
    expect(seedLibrary(desk.context)).toEqual({ scripts: 0, articles: 0, revised: 1 });
    expect(ok<{ id: string }[]>('scripts.search', { locale: 'zh-CN', query: '旧版本' }).map((s) => s.id)).not.toContain(id);
    expect(ok<{ id: string }[]>('scripts.search', { locale: 'zh-CN', query: '警示标志 双闪' }).map((s) => s.id)).toContain(id);
    const row = desk.db.prepare('SELECT body_zh, use_count FROM scripts WHERE id = ?').get(id) as { body_zh: string; use_count: number };
    expect(row.body_zh).not.toBe('旧版本的话术');
    expect(row.use_count).toBe(7);
  });

  it('has both languages for every script', () => {
    const zh = ok<{ title: string }[]>('scripts.list', { locale: 'zh-CN' });
    const en = ok<{ title: string }[]>('scripts.list', { locale: 'en' });
    expect(zh.length).toBe(en.length);
    expect(zh.some((s) => /[\u4e00-\u9fff]/.test(s.title))).toBe(true);
    expect(en.every((s) => !/[\u4e00-\u9fff]/.test(s.title))).toBe(true);
  });
});

describe('knowledge search ranking (jieba + FTS5 bm25)', () => {
  it(`ranks the expected article in the top 3 for ${queries.length} customer questions`, () => {
    expect(queries.length).toBeGreaterThanOrEqual(30);
    const misses: string[] = [];
    for (const { q, expect: code } of queries) {
      const hits = ok<{ code: string }[]>('knowledge.search', { locale: 'zh-CN', query: q, limit: 3 });
      if (!hits.some((h) => h.code === code)) misses.push(`${q} → ${hits.map((h) => h.code).join(', ') || 'nothing'} (wanted ${code})`);
    }
    expect(misses).toEqual([]);
  });

  it('treats 材料 and 资料 as one word: a question about materials finds the materials articles', () => {
    for (const q of ['理赔要什么材料', '理赔材料有哪些']) {
      const hits = ok<{ code: string }[]>('knowledge.search', { locale: 'zh-CN', query: q, limit: 3 });
      expect(hits.map((h) => h.code.split('.')[0]), q).toEqual(['materials', 'materials', 'materials']);
    }
  });

  it('rebuilds the index when the dictionaries change, and only then', () => {
    expect(ensureLibraryIndex(desk.db)).toBe(false);
    desk.db.prepare(`UPDATE settings SET value = '"older dictionaries"' WHERE key = 'searchIndexFingerprint'`).run();
    const before = desk.db.prepare('SELECT count(*) FROM search_rowids').pluck().get();
    expect(ensureLibraryIndex(desk.db)).toBe(true);
    expect(desk.db.prepare('SELECT count(*) FROM search_rowids').pluck().get()).toBe(before);
    expect(ok<{ code: string }[]>('knowledge.search', { locale: 'zh-CN', query: '三者险', limit: 1 })[0]!.code).toBe('products.third-party');
    expect(ensureLibraryIndex(desk.db)).toBe(false);
  });

  it('keeps insurance terms whole (三者险 is not 三者 + 险)', () => {
    const hits = ok<{ title: string }[]>('knowledge.search', { locale: 'zh-CN', query: '三者险', limit: 5 });
    expect(hits.length).toBeGreaterThan(0);
    expect(hits[0]!.title).toMatch(/三者/);
  });

  it('returns nothing rather than everything for a query of only filler words', () => {
    expect(ok<unknown[]>('knowledge.search', { locale: 'zh-CN', query: '请问 怎么 吗', limit: 5 })).toEqual([]);
  });

  it('treats FTS syntax in a query as plain words', () => {
    for (const q of ['"报案', 'title:报案', '报案 OR NOT', '*', 'NEAR(a b)', '报案)']) {
      expect(dispatchNow(desk, 'knowledge.search', { locale: 'zh-CN', query: q, limit: 5 }).ok).toBe(true);
    }
  });

  it('counts each opened article', () => {
    const [hit] = ok<{ id: string }[]>('knowledge.search', { locale: 'zh-CN', query: '交强险', limit: 1 });
    const first = ok<{ useCount: number }>('knowledge.get', { articleId: hit!.id, locale: 'zh-CN' });
    const second = ok<{ useCount: number }>('knowledge.get', { articleId: hit!.id, locale: 'en' });
    expect(second.useCount).toBe(first.useCount + 1);
    const reread = ok<{ useCount: number }>('knowledge.get', { articleId: hit!.id, locale: 'zh-CN', countUse: false });
    expect(reread.useCount).toBe(second.useCount);
  });
});

describe('scripts (话术)', () => {
  it('finds 报案指示话术 by typing /bazs', () => {
    const found = ok<{ title: string }[]>('scripts.search', { locale: 'zh-CN', query: '/bazs' });
    expect(found[0]!.title).toBe('报案指示话术');
  });

  it('finds scripts by words too', () => {
    const found = ok<{ stage: string }[]>('scripts.search', { locale: 'zh-CN', query: '续保 到期', limit: 5 });
    expect(found.some((s) => s.stage === 'renewal')).toBe(true);
  });

  it('keeps approved team scripts read-only', () => {
    const [team] = ok<{ id: string; editable: boolean }[]>('scripts.list', { locale: 'zh-CN', scope: 'team' });
    expect(team!.editable).toBe(false);
    const r = dispatchNow(desk, 'scripts.updatePersonal', { scriptId: team!.id, stage: 'closing', title: '改', body: '改' });
    expect(r).toMatchObject({ ok: false, error: { code: 'READ_ONLY' } });
    expect(dispatchNow(desk, 'scripts.deletePersonal', { scriptId: team!.id })).toMatchObject({ ok: false, error: { code: 'READ_ONLY' } });
  });

  it('lets an agent keep, edit, find and delete personal scripts only of their own', () => {
    const mine = ok<{ id: string; shortcut: string; editable: boolean }>('scripts.createPersonal', { stage: 'closing', title: '周末道别', body: '{{customerName|您}}周末愉快！' });
    expect(mine.shortcut).toBe('zmdb');
    expect(mine.editable).toBe(true);
    expect(ok<{ id: string }[]>('scripts.search', { locale: 'zh-CN', query: '/zmdb' })[0]!.id).toBe(mine.id);
    const edited = ok<{ title: string; body: string }>('scripts.updatePersonal', { scriptId: mine.id, stage: 'closing', title: '节日道别', body: '祝您节日快乐' });
    expect(edited.title).toBe('节日道别');
    expect(ok<{ id: string }[]>('scripts.search', { locale: 'zh-CN', query: '节日快乐' }).map((s) => s.id)).toContain(mine.id);

    actAs(desk, 'A2002', '另一位坐席');
    expect(ok<{ id: string }[]>('scripts.list', { locale: 'zh-CN', scope: 'personal' })).toEqual([]);
    expect(dispatchNow(desk, 'scripts.deletePersonal', { scriptId: mine.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    actAs(desk, 'A1001', '测试坐席');
    ok('scripts.deletePersonal', { scriptId: mine.id });
    expect(ok<{ id: string }[]>('scripts.search', { locale: 'zh-CN', query: '节日快乐' }).map((s) => s.id)).not.toContain(mine.id);
  });

  it('does not count a colleague\'s personal script', () => {
    actAs(desk, 'A2002', '另一位坐席');
    const theirs = ok<{ id: string }>('scripts.createPersonal', { stage: 'closing', title: '私人道别', body: '再见' });
    actAs(desk, 'A1001', '测试坐席');
    const conv = desk.services.conversations.open({ customerId: null, customerName: '郑先生', channel: 'app', subject: '' });
    ok('conversations.send', { conversationId: conv.id, body: '再见', scriptIds: [theirs.id] });
    expect(desk.db.prepare('SELECT use_count FROM scripts WHERE id = ?').pluck().get(theirs.id)).toBe(0);
  });

  it('counts scripts used in a sent reply', () => {
    const [script] = ok<{ id: string; useCount: number }[]>('scripts.search', { locale: 'zh-CN', query: '/bazs' });
    const conv = desk.services.conversations.open({ customerId: null, customerName: '钱先生', channel: 'app', subject: '' });
    ok('conversations.send', { conversationId: conv.id, body: '已为您登记报案', scriptIds: [script!.id, script!.id] });
    const after = ok<{ id: string; useCount: number }[]>('scripts.search', { locale: 'zh-CN', query: '/bazs' });
    expect(after.find((s) => s.id === script!.id)!.useCount).toBe(script!.useCount + 1);
  });
});

describe('postings budget', () => {
  it('leaves out words found nearly everywhere once the rare ones fill the budget', () => {
    const big = tempDesk();
    const at = Date.now();
    big.db.transaction(() => {
      for (let i = 0; i < 3_200; i++) {
        insertArticle(big.context, { code: `bulk.${i}`, topic: 'service', title: { zh: `保险服务说明${i}`, en: `Note ${i}` }, body: { zh: '保险 理赔 服务', en: 'insurance' }, keywords: ['保险'] }, at);
      }
      insertArticle(big.context, { code: 'bulk.rare', topic: 'service', title: { zh: '玻璃单独破碎险说明', en: 'Glass' }, body: { zh: '保险 玻璃单独破碎险', en: 'glass' }, keywords: ['玻璃'] }, at);
    })();
    const hits = callOk<{ code: string }[]>(big, 'knowledge.search', { locale: 'zh-CN', query: '保险 玻璃单独破碎险', limit: 50 });
    // 保险 sits in 3,200+ articles: over the budget once the rare word is in, so only the rare word is searched.
    expect(hits.map((h) => h.code)).toEqual(expect.arrayContaining(['bulk.rare']));
    expect(hits.filter((h) => /^bulk\.\d+$/.test(h.code))).toEqual([]);
    big.close();
  });
});

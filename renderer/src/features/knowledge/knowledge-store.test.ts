import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { DeskResult } from '../../../../shared/contract/errors';
import type { KnowledgeArticle } from '../../../../shared/contract/schemas';

const get = vi.fn<(input: { articleId: string }) => Promise<DeskResult<KnowledgeArticle>>>();
vi.mock('../../app/desk-client', () => ({ desk: () => ({ knowledge: { get } }) }));
vi.mock('../../app/feedback', () => ({ reportError: vi.fn() }));

const { useKnowledge } = await import('./knowledge-store');

const A = '0190a000-0000-7000-8000-00000000000a';
const B = '0190a000-0000-7000-8000-00000000000b';
const article = (id: string): KnowledgeArticle => ({ id, code: id, topic: 'claims', title: id, body: '正文', keywords: [], useCount: 0 });

beforeEach(() => {
  get.mockReset();
  useKnowledge.setState({ articleId: null, article: null, articleLoading: false });
});

describe('openArticle', () => {
  it('a failed article does not close the one opened after it', async () => {
    let failA!: () => void;
    get.mockReturnValueOnce(new Promise((ok) => (failA = () => ok({ ok: false, error: { code: 'NOT_FOUND', message: 'gone' } }))));
    const openingA = useKnowledge.getState().openArticle(A);
    get.mockResolvedValueOnce({ ok: true, data: article(B) });
    await useKnowledge.getState().openArticle(B);
    failA();
    await openingA;
    expect(useKnowledge.getState()).toMatchObject({ articleId: B, articleLoading: false, article: { id: B } });
  });

  it('a failed article that is still the open one closes', async () => {
    get.mockResolvedValueOnce({ ok: false, error: { code: 'NOT_FOUND', message: 'gone' } });
    await useKnowledge.getState().openArticle(A);
    expect(useKnowledge.getState()).toMatchObject({ articleId: null, articleLoading: false });
  });
});

/**
 * The approved library head office publishes to every desk: knowledge
 * articles (知识库) and team scripts (话术), bilingual, keyed by code.
 */
import { z } from 'zod';
import { ScriptStage } from '../contract/schemas.js';
import { visibleText } from '../contract/text.js';

export const LIBRARY_SCOPE = 'library';
export const LIBRARY_CODE = /^[A-Za-z0-9_.-]{1,60}$/;

const Bilingual = (max: number) => z.strictObject({ zh: visibleText(max), en: visibleText(max) });

export const LibraryArticle = z.strictObject({
  code: z.string().regex(LIBRARY_CODE),
  topic: z.string().regex(/^[A-Za-z_]{1,40}$/),
  title: Bilingual(200),
  body: Bilingual(20_000),
  keywords: z.array(visibleText(40)).max(30),
});
export type LibraryArticle = z.infer<typeof LibraryArticle>;

export const LibraryScript = z.strictObject({
  code: z.string().regex(LIBRARY_CODE),
  stage: ScriptStage,
  title: Bilingual(120),
  body: Bilingual(4_000),
});
export type LibraryScript = z.infer<typeof LibraryScript>;

/** A published item as desks receive it: head office's id (for sync), and the item. */
export const SyncedArticle = LibraryArticle.extend({ id: z.string().uuid() });
export const SyncedScript = LibraryScript.extend({ id: z.string().uuid() });

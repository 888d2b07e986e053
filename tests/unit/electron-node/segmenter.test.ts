import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { segmentForIndex, segmentQuery } from '../../../electron/node/search/segmenter.js';

const groups = readFileSync(resolve(import.meta.dirname, '../../../resources/dict/synonyms.txt'), 'utf8')
  .split('\n')
  .map((l) => l.replace(/#.*/, '').trim())
  .filter(Boolean)
  .map((l) => l.split(/\s+/));

describe('Chinese segmentation for search', () => {
  it('folds every synonym, alone or in a sentence, to its group\'s first word', () => {
    for (const group of groups) {
      for (const word of group) {
        expect(segmentQuery(word), word).toContain(group[0]);
        expect(segmentQuery(`我的车${word}了怎么办`), word).toContain(group[0]);
        expect(segmentForIndex(word).split(' '), word).toContain(group[0]);
      }
    }
  });

  it('keeps insurance terms whole and drops filler words', () => {
    expect(segmentQuery('请问三者险怎么赔')).toEqual(expect.arrayContaining(['三者险']));
    expect(segmentQuery('请问 怎么 吗')).toEqual([]);
  });
});

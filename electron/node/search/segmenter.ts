import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';
import { resourcePath } from '../resources.js';

/**
 * Chinese word segmentation for the search index. jieba's general
 * dictionary splits 三者险 into 三者 + 险; the insurance dictionary in
 * resources/ keeps the terms agents and customers actually type whole.
 */
let jieba: Jieba | undefined;

function segmenter(): Jieba {
  if (!jieba) {
    jieba = Jieba.withDict(dict);
    jieba.loadDict(readFileSync(resourcePath('dict', 'insurance-terms.txt')));
    // Every synonym must come out of the cutter whole, or it never folds.
    const words = [...synonyms().keys()].map((w) => `${w} 20000 n`).join('\n');
    jieba.loadDict(Buffer.from(words));
  }
  return jieba;
}

/** Words that carry no meaning for ranking (particles, pronouns, fillers). */
const STOP_WORDS = new Set(
  (
    '的 了 吗 呢 吧 啊 呀 哦 嗯 么 是 在 有 和 与 及 或 我 你 您 他 她 它 我们 你们 他们 这 那 这个 那个 ' +
    '怎么 怎么办 怎样 如何 什么 哪些 哪里 多少 能 能不能 可以 可不可以 要 想 会 就 都 也 还 又 把 被 让 给 ' +
    '对 从 到 上 下 里 一个 一下 请问 请 问 下 个 吧 嘛 啦 不 没 没有 好 a an the of to is are be do does ' +
    'i my me you your we it in on for and or with can how what when'
  ).split(/\s+/),
);

const WORD = /[\p{L}\p{N}]/u;

/**
 * Tokens for the index: jieba's search mode also emits sub-words (三者险 →
 * 三者, 三者险), and each word is stored as its synonym group's first word,
 * so 材料 and 资料 share one set of postings and one document frequency.
 */
export function segmentForIndex(text: string): string {
  return tokens(segmenter().cutForSearch(text, true)).map(canonical).join(' ');
}

/** What the index was built with; a change to either dictionary means a rebuild. */
export function segmentationFingerprint(): string {
  return createHash('sha256')
    .update(readFileSync(resourcePath('dict', 'insurance-terms.txt')))
    .update(readFileSync(resourcePath('dict', 'synonyms.txt')))
    // jieba's own dictionary, by size and a sample: an upgraded package cuts differently.
    .update(`${dict.length}:`)
    .update(dict.subarray(0, 65_536))
    .update(dict.subarray(Math.max(0, dict.length - 65_536)))
    .update(`segmenter-v${SEGMENTER_VERSION}`)
    .digest('hex');
}

/** Bump when the way text is cut or normalised changes. */
const SEGMENTER_VERSION = 1;

let synonymGroups: Map<string, string[]> | undefined;

/** resources/dict/synonyms.txt: one group of interchangeable words per line. */
function synonyms(): Map<string, string[]> {
  if (!synonymGroups) {
    synonymGroups = new Map();
    for (const line of readFileSync(resourcePath('dict', 'synonyms.txt'), 'utf8').split('\n')) {
      const group = line.replace(/#.*/, '').trim().toLowerCase().split(/\s+/).filter(Boolean);
      for (const word of group) synonymGroups.set(word, group);
    }
  }
  return synonymGroups;
}

function canonical(word: string): string {
  return synonyms().get(word)?.[0] ?? word;
}

/**
 * Distinct meaningful query tokens, longest first, normalised like the
 * index (a customer asks for 材料, the article says 资料: both are 材料).
 */
export function segmentQuery(text: string): string[] {
  const words = tokens(segmenter().cutForSearch(text, true)).filter((w) => !STOP_WORDS.has(w)).map(canonical);
  return [...new Set(words)].sort((a, b) => b.length - a.length);
}

function tokens(words: string[]): string[] {
  return words.map((w) => w.trim().toLowerCase()).filter((w) => w !== '' && WORD.test(w));
}

/** Load the dictionaries now rather than on the agent's first search. */
export function warmUpSegmenter(): void {
  segmenter();
}

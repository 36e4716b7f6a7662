/**
 * Verbal equivalents of a likelihood ratio: the ENFSI guideline scale (the
 * default of every strkin report) and any scale a laboratory gives.
 */
import { ParseError, type Issue } from '../errors/StrkinError.js';
import type { MarkerStatus } from '../likelihood/LRResult.js';

/** One level of a verbal scale: from `minLR` (inclusive) up to the next level's `minLR`. */
export interface VerbalLevel {
  /** Lowest LR of the level (inclusive), a finite number ≥ 1. */
  readonly minLR: number;
  /** The words of the level, completing "The findings provide … for H1 rather than H2", e.g. `moderate support`. */
  readonly words: string;
}

/** A verbal scale: levels in increasing order of `minLR`, the first one starting at 1. */
export interface VerbalScale {
  readonly name: string;
  /** The published source of the scale. */
  readonly citation: string;
  readonly levels: readonly VerbalLevel[];
}

/**
 * The scale of the ENFSI Guideline for Evaluative Reporting in Forensic
 * Science (2015), for LR ≥ 1: 1–10 weak, 10–100 moderate, 100–1,000 moderately
 * strong, 1,000–10,000 strong, 10,000–1,000,000 very strong, above 1,000,000
 * extremely strong support. A level includes its lower bound (an LR of exactly
 * 100 is "moderately strong"); an LR of exactly 1 supports neither proposition.
 */
export const ENFSI_VERBAL_SCALE: VerbalScale = Object.freeze({
  name: 'ENFSI 2015',
  citation: 'ENFSI Guideline for Evaluative Reporting in Forensic Science, European Network of Forensic Science Institutes, 2015 (Strengthening the Evaluation of Forensic Results across Europe, STEOFRAE), verbal scale for likelihood ratios',
  levels: Object.freeze([
    { minLR: 1, words: 'weak support' },
    { minLR: 10, words: 'moderate support' },
    { minLR: 100, words: 'moderately strong support' },
    { minLR: 1000, words: 'strong support' },
    { minLR: 10000, words: 'very strong support' },
    { minLR: 1000000, words: 'extremely strong support' },
  ]),
});

/** The verbal equivalent of one LR. */
export interface VerbalEquivalent {
  /** Which proposition the findings support: `H1`, `H2`, `neither` (LR = 1 or undefined). */
  readonly supports: 'H1' | 'H2' | 'neither';
  /** The level's words (`strong support`), or a fixed phrase for LR 1, 0, infinite and undefined. */
  readonly words: string;
  /** The whole sentence for a report. */
  readonly sentence: string;
  /** The scale's name. */
  readonly scale: string;
}

/**
 * The verbal equivalent of an LR given by its log10 and status on `scale`
 * (default {@link ENFSI_VERBAL_SCALE}). An LR below 1 is phrased as support for
 * H2 on the same scale, read at 1/LR; an `excluded` LR (0) as the exclusion of
 * H1, an `infinite` one (H2 impossible) as the exclusion of H2, an `undefined`
 * one (0/0) as no conclusion.
 *
 * Cost: O(levels).
 *
 * @example
 * ```ts
 * verbalEquivalent(2.5, 'ok').words; // => 'moderately strong support'
 * verbalEquivalent(-1.5, 'ok').sentence; // => 'The findings provide moderate support for H2 rather than H1 (LR below 1, read as 1/LR on the ENFSI 2015 scale).'
 * verbalEquivalent(null, 'excluded').supports; // => 'H2'
 * ```
 */
export function verbalEquivalent(log10LR: number | null, status: MarkerStatus, scale: VerbalScale = ENFSI_VERBAL_SCALE): VerbalEquivalent {
  const base = { scale: scale.name };
  if (status === 'excluded') return { ...base, supports: 'H2', words: 'exclusion of H1', sentence: 'The findings are impossible under H1 (LR 0): they exclude H1.' };
  if (status === 'infinite') return { ...base, supports: 'H1', words: 'exclusion of H2', sentence: 'The findings are impossible under H2 (LR infinite): they exclude H2.' };
  if (status === 'undefined' || log10LR === null) return { ...base, supports: 'neither', words: 'no conclusion', sentence: 'The findings are impossible under both H1 and H2 (LR undefined, 0/0): no conclusion; check the data.' };
  if (log10LR === 0) return { ...base, supports: 'neither', words: 'no support', sentence: 'The findings are equally probable under H1 and H2 (LR 1): they support neither.' };
  const magnitude = Math.abs(log10LR);
  let words = (scale.levels[0] as VerbalLevel).words;
  for (const level of scale.levels) if (Math.log10(level.minLR) <= magnitude) words = level.words;
  if (log10LR > 0) return { ...base, supports: 'H1', words, sentence: `The findings provide ${words} for H1 rather than H2 (${scale.name} scale).` };
  return { ...base, supports: 'H2', words, sentence: `The findings provide ${words} for H2 rather than H1 (LR below 1, read as 1/LR on the ${scale.name} scale).` };
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * Reads a verbal scale from JSON text or a parsed value:
 * `{"name": "...", "citation": "...", "levels": [{"minLR": 1, "words": "weak support"}, ...]}`,
 * levels in increasing order of `minLR`, the first at 1. Throws a
 * {@link ParseError} listing every problem (`bad-verbal-scale`).
 *
 * Cost: O(levels).
 *
 * @example
 * ```ts
 * const scale = parseVerbalScale('{"name": "lab", "citation": "SOP 12", "levels": [{"minLR": 1, "words": "limited support"}, {"minLR": 1000, "words": "strong support"}]}');
 * verbalEquivalent(2, 'ok', scale).words; // => 'limited support'
 * ```
 */
export function parseVerbalScale(input: unknown, file?: string): VerbalScale {
  const at = file !== undefined ? { file } : {};
  let value: unknown = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch (error) {
      throw new ParseError({ code: 'bad-json', message: `Not valid JSON (${(error as Error).message})`, path: [], ...at });
    }
  }
  const issues: Issue[] = [];
  const bad = (message: string, path: (string | number)[]): void => {
    issues.push({ code: 'bad-verbal-scale', message, path, ...at });
  };
  if (!isObject(value)) throw new ParseError({ code: 'bad-verbal-scale', message: 'A verbal scale must be a JSON object with name, citation and levels', path: [], ...at });
  const name = value['name'];
  const citation = value['citation'];
  if (typeof name !== 'string' || name.trim() === '') bad(`The scale needs a "name" (name = ${JSON.stringify(name)})`, ['name']);
  if (typeof citation !== 'string' || citation.trim() === '') bad(`The scale needs a "citation" naming its source (citation = ${JSON.stringify(citation)})`, ['citation']);
  const levelsIn = value['levels'];
  const levels: VerbalLevel[] = [];
  if (!Array.isArray(levelsIn) || levelsIn.length === 0) bad('The scale needs a non-empty "levels" list', ['levels']);
  else {
    levelsIn.forEach((level: unknown, i: number) => {
      const minLR = isObject(level) ? level['minLR'] : undefined;
      const words = isObject(level) ? level['words'] : undefined;
      if (typeof minLR !== 'number' || !Number.isFinite(minLR) || minLR < 1) return bad(`A level needs "minLR", a finite number >= 1 (minLR = ${JSON.stringify(minLR)})`, ['levels', i, 'minLR']);
      if (typeof words !== 'string' || words.trim() === '') return bad(`A level needs "words" (words = ${JSON.stringify(words)})`, ['levels', i, 'words']);
      const previous = levels[levels.length - 1];
      if (previous !== undefined && !(minLR > previous.minLR)) bad(`Levels must be in increasing order of minLR (minLR = ${minLR} after ${previous.minLR})`, ['levels', i, 'minLR']);
      levels.push({ minLR, words });
    });
    if (levels.length > 0 && levels[0]?.minLR !== 1) bad(`The first level must start at minLR 1 (minLR = ${levels[0]?.minLR})`, ['levels', 0, 'minLR']);
  }
  if (issues.length > 0) throw new ParseError(issues);
  return { name: name as string, citation: citation as string, levels };
}

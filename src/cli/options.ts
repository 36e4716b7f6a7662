/** Option parsers shared by the CLI commands (a bad value is a usage error, exit 2). */
import { InvalidArgumentError } from 'commander';
import type { RareAlleleRule } from '../index.js';

/** Parses a number option within bounds, as a usage error otherwise. */
export function numberIn(min: number, max: number, integer = false): (value: string) => number {
  return (value: string): number => {
    const x = Number(value);
    if (value.trim() === '' || !Number.isFinite(x) || x < min || x > max || (integer && !Number.isInteger(x))) {
      throw new InvalidArgumentError(`expected ${integer ? 'an integer' : 'a number'} in [${min}, ${max}], got ${JSON.stringify(value)}`);
    }
    return x;
  };
}

/** Parses `--rare-allele`: `5/2N`, `1/(2N+1)`, `1/2N`, `error`, or a fixed frequency like `0.001`. */
export function rareAlleleOption(value: string): RareAlleleRule {
  if (value === '5/2N' || value === '1/(2N+1)' || value === '1/2N') return { rule: value };
  if (value === 'error') return { rule: 'error' };
  const x = Number(value);
  if (Number.isFinite(x) && x > 0 && x < 1) return { rule: 'fixed', value: x };
  throw new InvalidArgumentError(`expected 5/2N, 1/(2N+1), 1/2N, error or a frequency in (0, 1), got ${JSON.stringify(value)}`);
}

/**
 * Argument checks of the public entry points, for callers in plain
 * JavaScript: a wrong type is a {@link ValidationError} `bad-argument` that
 * names the argument and shows what it got, never a raw TypeError deep inside.
 * Internal.
 */
import { ValidationError } from '../errors/StrkinError.js';

/** A short description of a value for messages: `undefined`, `null`, `a number`, `an array`, ... */
export function describeArgument(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (typeof value === 'object') return `an object (${Object.prototype.toString.call(value).slice(8, -1)})`;
  return `a ${typeof value}`;
}

function fail(name: string, expected: string, value: unknown): never {
  throw new ValidationError({ code: 'bad-argument', message: `Expected ${expected} (${name} = ${describeArgument(value)})`, path: [name] });
}

/** Checks that `value` is an array (of objects, when `ofObjects`). */
export function checkArray(value: unknown, name: string, ofObjects = false): void {
  if (!Array.isArray(value)) fail(name, 'an array', value);
  if (ofObjects) {
    const i = (value as unknown[]).findIndex((x) => typeof x !== 'object' || x === null || Array.isArray(x));
    if (i >= 0) fail(`${name}[${i}]`, 'an object', (value as unknown[])[i]);
  }
}

/** Checks that `value` is a non-array object; `optional` lets `undefined` pass. */
export function checkObject(value: unknown, name: string, optional = false): void {
  if (optional && value === undefined) return;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(name, 'an object', value);
}

/** Checks that `value` is a string. */
export function checkString(value: unknown, name: string): void {
  if (typeof value !== 'string') fail(name, 'a string', value);
}

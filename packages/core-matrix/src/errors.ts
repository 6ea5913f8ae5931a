import { brand, hasBrand } from './brand.js';

/**
 * Stable machine-readable codes for every error crowdlearn raises.
 * Codes never change meaning between releases; messages may be reworded.
 */
export type CrowdErrorCode =
  | 'INVALID_ARGUMENT'
  | 'INDEX_OUT_OF_RANGE'
  | 'DUPLICATE_LABEL'
  | 'DUPLICATE_ID'
  | 'UNKNOWN_ID'
  | 'UNKNOWN_CLASS'
  | 'SHAPE_MISMATCH'
  | 'FEATURES_MISALIGNED'
  | 'PARSE_ERROR'
  | 'IO_ERROR'
  | 'NOT_CONVERGED'
  | 'UNSUPPORTED';

/** Where in an input an error was found. All fields are optional. */
export interface ErrorLocation {
  /** File name, URL or a description of the input (`"labels.csv"`, `"fromArrays"`). */
  source?: string;
  /** 1-based line number. */
  line?: number;
  /** 1-based column number (characters, or fields for tabular files). */
  column?: number;
}

/** Details attached to a {@link CrowdError}. */
export interface CrowdErrorDetails extends ErrorLocation {
  /** What the input should have been. */
  expected?: string;
  /** What was actually found. */
  found?: string;
  /** The underlying error, if this one wraps another. */
  cause?: unknown;
}

const CROWD_ERROR_BRAND = brand('CrowdError');

/**
 * The one error class of crowdlearn. Its `code` is stable; `source`, `line`
 * and `column` say where the problem is when that is known, and the message
 * says what was expected and what was found.
 */
export class CrowdError extends Error {
  /** Recognised by every copy of core-matrix: `instanceof` holds across copies (two versions in one install). */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return hasBrand(value, CROWD_ERROR_BRAND);
  }

  /** The mark every copy of core-matrix recognises. */
  readonly [CROWD_ERROR_BRAND] = true;

  /** Stable code, safe to switch on. */
  readonly code: CrowdErrorCode;
  /** What went wrong, without the place and the expectation (the message before formatting). */
  readonly reason: string;
  /** The input the error was found in, if known. */
  readonly source: string | undefined;
  /** 1-based line, if known. */
  readonly line: number | undefined;
  /** 1-based column, if known. */
  readonly column: number | undefined;
  /** What was expected, if stated. */
  readonly expected: string | undefined;
  /** What was found, if stated. */
  readonly found: string | undefined;

  constructor(code: CrowdErrorCode, message: string, details: CrowdErrorDetails = {}) {
    super(formatMessage(message, details), details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'CrowdError';
    this.code = code;
    this.reason = message;
    this.source = details.source;
    this.line = details.line;
    this.column = details.column;
    this.expected = details.expected;
    this.found = details.found;
  }
}

function formatMessage(message: string, d: CrowdErrorDetails): string {
  let where = '';
  if (d.source !== undefined) {
    where = d.source;
    if (d.line !== undefined) where += `:${d.line}`;
    if (d.line !== undefined && d.column !== undefined) where += `:${d.column}`;
    where += ': ';
  } else if (d.line !== undefined) {
    where = `line ${d.line}${d.column !== undefined ? `, column ${d.column}` : ''}: `;
  }
  let text = where + message;
  if (d.expected !== undefined) text += `; expected ${d.expected}`;
  if (d.found !== undefined) text += `, found ${d.found}`;
  return text;
}

/** True when `value` is a {@link CrowdError}, optionally with the given code. */
export function isCrowdError(value: unknown, code?: CrowdErrorCode): value is CrowdError {
  return value instanceof CrowdError && (code === undefined || value.code === code);
}

/**
 * Where a label came from. Stored as one byte per label in
 * {@link CrowdLabels.origin}.
 */
export const Origin = {
  /** Given by a worker. */
  Observed: 0,
  /** Produced by a completion, filling or self-training method. */
  Completed: 1,
} as const;

/** The numeric value of an {@link Origin}. */
export type OriginCode = (typeof Origin)[keyof typeof Origin];

/** The name of an {@link OriginCode}, as written in files: `'observed'` or `'completed'`. */
export type OriginName = 'observed' | 'completed';

/** Converts an origin code to its file name. */
export function originName(code: number): OriginName {
  return code === Origin.Completed ? 'completed' : 'observed';
}

/**
 * How a simulated worker answers.
 * - `oneCoin` (also the "normal"): right with probability p, else a uniform wrong class;
 * - `expert`: a one-coin worker with the expert quality;
 * - `confusion`: right with p; each true class has one confusable class that gets 0.7(1-p), the rest uniform;
 * - `instanceDependent`: accurate on a random set of familiar classes, less so elsewhere;
 * - `spammer`: always answers one fixed class;
 * - `random`: uniform answers;
 * - `adversarial`: with probability p answers a fixed wrong class for each true class, else uniform.
 */
export type WorkerType = 'oneCoin' | 'expert' | 'confusion' | 'instanceDependent' | 'spammer' | 'random' | 'adversarial';

/** All worker types, in a fixed order. */
export const WORKER_TYPES: readonly WorkerType[] = [
  'oneCoin',
  'expert',
  'confusion',
  'instanceDependent',
  'spammer',
  'random',
  'adversarial',
];

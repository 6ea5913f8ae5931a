import { CrowdError, type Rng } from '@crowdlearn/core-matrix';

/** One N-way K-shot task: rows of the source pool with labels remapped to 0..nWay-1. */
export interface Episode {
  /** Support rows (of the pool). */
  support: Int32Array;
  /** Their episode labels. */
  supportLabels: Int32Array;
  /** Query rows (of the pool). */
  query: Int32Array;
  /** Their episode labels. */
  queryLabels: Int32Array;
  /** The source class behind each episode label. */
  classes: Int32Array;
}

/** Shots per class of an episode. */
export interface EpisodeShape {
  /** Classes per episode. */
  nWay: number;
  /** Support shots per class. */
  kSpt: number;
  /** Query shots per class. */
  kQry: number;
}

/** The rows of each class of a pool (`classes[r]` is row r's class). */
export function rowsByClass(classes: ArrayLike<number>): Map<number, number[]> {
  const byClass = new Map<number, number[]>();
  for (let r = 0; r < classes.length; r++) {
    const k = classes[r] as number;
    let rows = byClass.get(k);
    if (rows === undefined) byClass.set(k, (rows = []));
    rows.push(r);
  }
  return byClass;
}

/**
 * The episode shape for a source pool (specs/crowdmeta.md §2.1 and §6):
 * nWay = min(requested, number of source classes); with at least 20 rows in
 * every class 5 support and 15 query shots (the code), else 2 and 3 (a
 * budget of 5 per class); when the smallest class cannot fill kSpt + kQry,
 * kQry shrinks, then kSpt, keeping at least 1 each, with a warning.
 */
export function episodeShape(byClass: Map<number, number[]>, requestedWay: number, warnings: string[]): EpisodeShape {
  if (byClass.size < 2) throw new CrowdError('INVALID_ARGUMENT', 'CrowdMeta: the source pool needs at least 2 classes for episodes', { found: `${byClass.size}` });
  const smallest = Math.min(...[...byClass.values()].map((rows) => rows.length));
  if (smallest < 2) throw new CrowdError('INVALID_ARGUMENT', 'CrowdMeta: every source class needs at least 2 rows (one support, one query)', { found: `a class with ${smallest}` });
  const nWay = Math.min(requestedWay, byClass.size);
  let [kSpt, kQry] = smallest >= 20 ? [5, 15] : [2, 3];
  if (kSpt + kQry > smallest) {
    kQry = Math.max(1, smallest - kSpt);
    kSpt = Math.max(1, smallest - kQry);
    warnings.push(`a source class has only ${smallest} rows: episodes use ${kSpt} support and ${kQry} query shots per class`);
  }
  return { nWay, kSpt, kQry };
}

/** Draws an episode: nWay classes, kSpt + kQry distinct rows of each, labels remapped by a random permutation. */
export function sampleEpisode(byClass: Map<number, number[]>, shape: EpisodeShape, rng: Rng): Episode {
  const all = [...byClass.keys()].sort((a, b) => a - b);
  const chosen = rng.sample(all.length, shape.nWay);
  const relabel = rng.permutation(shape.nWay);
  const support: number[] = [];
  const supportLabels: number[] = [];
  const query: number[] = [];
  const queryLabels: number[] = [];
  const classes = new Int32Array(shape.nWay);
  chosen.forEach((c, j) => {
    const rows = byClass.get(all[c] as number) as number[];
    const label = relabel[j] as number;
    classes[label] = all[c] as number;
    const picks = rng.sample(rows.length, shape.kSpt + shape.kQry);
    picks.forEach((p, s) => {
      if (s < shape.kSpt) {
        support.push(rows[p] as number);
        supportLabels.push(label);
      } else {
        query.push(rows[p] as number);
        queryLabels.push(label);
      }
    });
  });
  return { support: Int32Array.from(support), supportLabels: Int32Array.from(supportLabels), query: Int32Array.from(query), queryLabels: Int32Array.from(queryLabels), classes };
}

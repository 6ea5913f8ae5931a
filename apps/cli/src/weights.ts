import { CrowdError, type CrowdLabels } from '@crowdlearn/core-matrix';
import { readText } from './input.js';

/**
 * Reads `--weights`: CSV rows `worker,weight` (a header line is allowed), one
 * weight w_r >= 0 per worker of `labels`, for weighted majority voting. A
 * worker missing from the file, an unknown worker, a repeated worker or a
 * weight that is not a non-negative number is an error naming the line.
 */
export function readWorkerWeights(path: string, labels: CrowdLabels): Float64Array {
  const weights = new Float64Array(labels.numWorkers).fill(Number.NaN);
  const lines = readText(path).split(/\r?\n/);
  lines.forEach((raw, j) => {
    const line = raw.trim();
    if (line === '') return;
    const fields = line.split(/[,\t]/).map((f) => f.trim());
    if (j === 0 && fields.length === 2 && !Number.isFinite(Number(fields[1])) && fields[1] !== '') return; // header
    const where = { source: path, line: j + 1 };
    if (fields.length !== 2) throw new CrowdError('PARSE_ERROR', 'a weights row has two fields', { ...where, expected: 'worker,weight', found: line });
    const [id, value] = fields as [string, string];
    const w = Number(value);
    if (value === '' || !Number.isFinite(w) || w < 0) throw new CrowdError('PARSE_ERROR', 'a worker weight is a non-negative number', { ...where, found: value });
    let r = labels.workers.indexOf(id);
    if (r < 0 && /^-?\d+$/.test(id)) r = labels.workers.indexOf(Number(id));
    if (r < 0) throw new CrowdError('UNKNOWN_ID', `worker ${JSON.stringify(id)} has no labels`, { ...where, expected: 'a worker of the labels file' });
    if (!Number.isNaN(weights[r] as number)) throw new CrowdError('DUPLICATE_ID', `worker ${JSON.stringify(id)} has two weights`, where);
    weights[r] = w;
  });
  const missing = weights.findIndex((w) => Number.isNaN(w));
  if (missing >= 0) {
    throw new CrowdError('INVALID_ARGUMENT', `worker ${JSON.stringify(labels.workers.idOf(missing))} has no weight`, { source: path, expected: 'one weight per worker of the labels' });
  }
  return weights;
}

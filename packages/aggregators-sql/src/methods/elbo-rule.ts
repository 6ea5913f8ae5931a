import type { SqlEngine } from '../engine.js';
import type { EmState } from '../em-driver.js';
import type { SqlLabelTable } from '../label-table.js';
import { SQL_EPS } from '../plans/confusion-m-step.js';
import { posteriorElboQuery } from '../plans/objectives.js';
import type { EmTables } from '../plans/tables.js';
import { queryScalar } from '../engine.js';

/**
 * crowd-kit's stopping rule, as DS and one-coin DS use it: stop when the
 * ELBO per label gains less than `tol`. The ELBO is the workers table's part
 * (`workerPart`, which depends on its layout) plus the posteriors' part.
 * Returns a stateful `converged` for `runSqlEm`.
 */
export function crowdkitElboRule(engine: SqlEngine, input: SqlLabelTable, workerPart: (t: EmTables) => string, tol: number): (state: EmState) => Promise<boolean> {
  let previous = -Infinity;
  return async ({ tables, prior }) => {
    const logPrior = prior.map((p) => Math.log(Math.max(p, SQL_EPS)));
    const workers = await queryScalar(engine, workerPart(tables));
    const posteriors = await queryScalar(engine, posteriorElboQuery(engine.dialect, tables, input.numClasses, logPrior));
    const elbo = (workers + posteriors) / Math.max(1, input.numLabels);
    const stop = elbo - previous < tol;
    previous = elbo;
    return stop;
  };
}

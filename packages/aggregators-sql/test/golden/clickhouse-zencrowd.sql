-- start: soft majority vote into cl_posteriors
DROP TABLE IF EXISTS cl_posteriors;
CREATE TABLE cl_posteriors ENGINE = Memory AS SELECT task, count(*) AS deg, sum(CASE WHEN label = 0 THEN 1e0 ELSE 0e0 END) / count(*) AS p0, sum(CASE WHEN label = 1 THEN 1e0 ELSE 0e0 END) / count(*) AS p1, sum(CASE WHEN label = 2 THEN 1e0 ELSE 0e0 END) / count(*) AS p2, 0e0 AS ll FROM cl_labels GROUP BY task;

-- M-step: worker parameters into cl_workers
DROP TABLE IF EXISTS cl_workers;
CREATE TABLE cl_workers ENGINE = Memory AS SELECT worker, hits, n, s, log(least(greatest(s, 1e-10), 9.999999999e-1)) AS lr, log(least(greatest((1e0 - s) / 2e0, 1e-10), 9.999999999e-1)) AS lw FROM (SELECT worker, hits, n, hits / n AS s FROM (SELECT worker, sum(CASE WHEN label = 0 THEN p0 WHEN label = 1 THEN p1 ELSE p2 END) AS hits, count(*) AS n FROM cl_labels ALL INNER JOIN cl_posteriors USING (task) GROUP BY worker) AS sums) AS skilled;

-- E-step: posteriors and per-task log-likelihood
DROP TABLE IF EXISTS cl_posteriors;
CREATE TABLE cl_posteriors ENGINE = Memory AS SELECT task, deg, e0 / (e0 + e1 + e2) AS p0, e1 / (e0 + e1 + e2) AS p1, e2 / (e0 + e1 + e2) AS p2, mx + log((e0 + e1 + e2)) AS ll FROM (SELECT task, deg, mx, exp(s0 - mx) AS e0, exp(s1 - mx) AS e1, exp(s2 - mx) AS e2 FROM (SELECT task, deg, s0, s1, s2, greatest(greatest(s0, s1), s2) AS mx FROM (SELECT task, count(*) AS deg, (-1.0986122886681098e0) + sum(CASE WHEN label = 0 THEN lr ELSE lw END) AS s0, (-1.0986122886681098e0) + sum(CASE WHEN label = 1 THEN lr ELSE lw END) AS s1, (-1.0986122886681098e0) + sum(CASE WHEN label = 2 THEN lr ELSE lw END) AS s2 FROM cl_labels ALL INNER JOIN cl_workers USING (worker) GROUP BY task) AS scored) AS maxed) AS exponentiated;

-- marginal log-likelihood of this iteration
SELECT sum(ll) AS v FROM cl_posteriors;

-- before the M-step: keep the skills
DROP TABLE IF EXISTS cl_previous_workers;
CREATE TABLE cl_previous_workers ENGINE = Memory AS SELECT worker, s AS s_prev FROM cl_workers;

-- after the M-step, stopping rule: largest skill change < tol
SELECT max(abs(s - s_prev)) AS v FROM cl_workers ALL INNER JOIN cl_previous_workers USING (worker);

-- start: soft majority vote into cl_posteriors
DROP TABLE IF EXISTS cl_posteriors;
CREATE TABLE cl_posteriors ENGINE = Memory AS SELECT task, count(*) AS deg, sum(CASE WHEN label = 0 THEN 1e0 ELSE 0e0 END) / count(*) AS p0, sum(CASE WHEN label = 1 THEN 1e0 ELSE 0e0 END) / count(*) AS p1, sum(CASE WHEN label = 2 THEN 1e0 ELSE 0e0 END) / count(*) AS p2, 0e0 AS ll FROM cl_labels GROUP BY task;

-- M-step: worker parameters into cl_workers
DROP TABLE IF EXISTS cl_counts;
CREATE TABLE cl_counts ENGINE = Memory AS SELECT worker, label, sum(p0) AS n0, sum(p1) AS n1, sum(p2) AS n2 FROM cl_labels ALL INNER JOIN cl_posteriors USING (task) GROUP BY worker, label;
DROP TABLE IF EXISTS cl_workers;
CREATE TABLE cl_workers ENGINE = Memory AS SELECT worker, label, n0, n1, n2, log(greatest(n0, 1e-10) / total0) AS c0, log(greatest(n1, 1e-10) / total1) AS c1, log(greatest(n2, 1e-10) / total2) AS c2 FROM cl_counts ALL INNER JOIN (SELECT worker, sum(greatest(n0, 1e-10)) AS total0, sum(greatest(n1, 1e-10)) AS total1, sum(greatest(n2, 1e-10)) AS total2 FROM cl_counts GROUP BY worker) AS totals USING (worker);

-- class prior (read by the client, inlined as logs in the next E-step)
SELECT avg(p0) AS p0, avg(p1) AS p1, avg(p2) AS p2 FROM cl_posteriors;

-- E-step: posteriors and per-task log-likelihood
DROP TABLE IF EXISTS cl_posteriors;
CREATE TABLE cl_posteriors ENGINE = Memory AS SELECT task, deg, e0 / (e0 + e1 + e2) AS p0, e1 / (e0 + e1 + e2) AS p1, e2 / (e0 + e1 + e2) AS p2, mx + log((e0 + e1 + e2)) AS ll FROM (SELECT task, deg, mx, exp(s0 - mx) AS e0, exp(s1 - mx) AS e1, exp(s2 - mx) AS e2 FROM (SELECT task, deg, s0, s1, s2, greatest(greatest(s0, s1), s2) AS mx FROM (SELECT task, count(*) AS deg, (-1.0986122886681098e0) + sum(c0) AS s0, (-1.0986122886681098e0) + sum(c1) AS s1, (-1.0986122886681098e0) + sum(c2) AS s2 FROM cl_labels ALL INNER JOIN cl_workers USING (worker, label) GROUP BY task) AS scored) AS maxed) AS exponentiated;

-- marginal log-likelihood of this iteration
SELECT sum(ll) AS v FROM cl_posteriors;

-- after the M-step, stopping rule: crowd-kit's ELBO (sum of both parts / labels) gains < tol
SELECT sum((CASE WHEN n0 > 0 THEN n0 * c0 ELSE 0 END + CASE WHEN n1 > 0 THEN n1 * c1 ELSE 0 END + CASE WHEN n2 > 0 THEN n2 * c2 ELSE 0 END)) AS v FROM cl_workers;
SELECT sum(deg * (p0 * (-1.0986122886681098e0) + p1 * (-1.0986122886681098e0) + p2 * (-1.0986122886681098e0)) - (p0 * log(greatest(p0, 1e-10)) + p1 * log(greatest(p1, 1e-10)) + p2 * log(greatest(p2, 1e-10)))) AS v FROM cl_posteriors;

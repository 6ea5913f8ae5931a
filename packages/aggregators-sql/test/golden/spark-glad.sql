-- start: alpha = 1 in cl_workers, beta = 1 in cl_tasks
DROP TABLE IF EXISTS cl_workers;
CREATE TABLE cl_workers USING parquet AS SELECT worker, 1e0 AS x, 0e0 AS g, 0e0 AS dir, 0e0 AS gn FROM cl_labels GROUP BY worker;
DROP TABLE IF EXISTS cl_tasks;
CREATE TABLE cl_tasks USING parquet AS SELECT task, 1e0 AS x, 0e0 AS g, 0e0 AS dir, 0e0 AS gn, 0e0 AS q, 0e0 AS p0, 0e0 AS p1, 0e0 AS p2 FROM cl_labels GROUP BY task;

-- E-step: posteriors at the current alpha and beta
DROP TABLE IF EXISTS cl_posteriors;
CREATE TABLE cl_posteriors USING parquet AS SELECT task, deg, e0 / (e0 + e1 + e2) AS p0, e1 / (e0 + e1 + e2) AS p1, e2 / (e0 + e1 + e2) AS p2, mx + ln((e0 + e1 + e2)) AS ll FROM (SELECT task, deg, mx, exp(s0 - mx) AS e0, exp(s1 - mx) AS e1, exp(s2 - mx) AS e2 FROM (SELECT task, deg, s0, s1, s2, greatest(s0, s1, s2) AS mx FROM (SELECT task, count(*) AS deg, (-1.0986122886681098e0) + sum(CASE WHEN label = 0 THEN r ELSE r - z - 6.931471805599453e-1 END) AS s0, (-1.0986122886681098e0) + sum(CASE WHEN label = 1 THEN r ELSE r - z - 6.931471805599453e-1 END) AS s1, (-1.0986122886681098e0) + sum(CASE WHEN label = 2 THEN r ELSE r - z - 6.931471805599453e-1 END) AS s2 FROM (SELECT task, label, z, least(z, 0e0) - ln(1e0 + exp(-abs(z))) AS r FROM (SELECT task, label, alpha * exp(beta) AS z FROM (SELECT task, label, x AS alpha FROM cl_labels JOIN (SELECT worker, x FROM cl_workers) AS w USING (worker)) AS la JOIN (SELECT task, x AS beta FROM cl_tasks) AS tb USING (task)) AS lz) AS terms GROUP BY task) AS scored) AS maxed) AS exponentiated;

-- M-step targets: the posteriors copied into the tasks table
DROP TABLE IF EXISTS cl_tasks_next;
CREATE TABLE cl_tasks_next USING parquet AS SELECT task, x, g, dir, gn, q, p0, p1, p2 FROM (SELECT task, x, g, dir, gn, q FROM cl_tasks) AS tt JOIN (SELECT task, p0, p1, p2 FROM cl_posteriors) AS pp USING (task);
DROP TABLE IF EXISTS cl_tasks;
ALTER TABLE cl_tasks_next RENAME TO cl_tasks;

-- CG evaluate(step): -Q and its gradient gn at x + step * dir (partials per shard, then the workers)
DROP TABLE IF EXISTS cl_worker_partials;
CREATE TABLE cl_worker_partials USING parquet AS SELECT worker, sum((sg - target) * eb) AS gl FROM (SELECT worker, task, target, z, eb, alpha, least(z, 0e0) - ln(1e0 + exp(-abs(z))) AS ls, CASE WHEN z >= 0 THEN 1e0 / (1e0 + exp(-abs(z))) ELSE exp(-abs(z)) / (1e0 + exp(-abs(z))) END AS sg FROM (SELECT worker, task, CASE WHEN label = 0 THEN p0 WHEN label = 1 THEN p1 ELSE p2 END AS target, alpha * eb AS z, eb, alpha FROM (SELECT worker, task, label, xw + 5e-1 * dw AS alpha FROM cl_labels JOIN (SELECT worker, x AS xw, dir AS dw FROM cl_workers) AS w USING (worker)) AS la JOIN (SELECT task, exp(x + 5e-1 * dir) AS eb, p0, p1, p2 FROM cl_tasks) AS tb USING (task)) AS lb) AS terms GROUP BY worker;
DROP TABLE IF EXISTS cl_tasks_next;
CREATE TABLE cl_tasks_next USING parquet AS SELECT task, x, g, dir, gl + (x + 5e-1 * dir - 1e0) AS gn, q, p0, p1, p2 FROM (SELECT task, x, g, dir, p0, p1, p2 FROM cl_tasks) AS tt JOIN (SELECT task, sum((sg - target) * alpha * eb) AS gl, sum(target * ls + (1e0 - target) * (ls - z - 6.931471805599453e-1)) AS q FROM (SELECT worker, task, target, z, eb, alpha, least(z, 0e0) - ln(1e0 + exp(-abs(z))) AS ls, CASE WHEN z >= 0 THEN 1e0 / (1e0 + exp(-abs(z))) ELSE exp(-abs(z)) / (1e0 + exp(-abs(z))) END AS sg FROM (SELECT worker, task, CASE WHEN label = 0 THEN p0 WHEN label = 1 THEN p1 ELSE p2 END AS target, alpha * eb AS z, eb, alpha FROM (SELECT worker, task, label, xw + 5e-1 * dw AS alpha FROM cl_labels JOIN (SELECT worker, x AS xw, dir AS dw FROM cl_workers) AS w USING (worker)) AS la JOIN (SELECT task, exp(x + 5e-1 * dir) AS eb, p0, p1, p2 FROM cl_tasks) AS tb USING (task)) AS lb) AS terms GROUP BY task) AS sums USING (task);
DROP TABLE IF EXISTS cl_tasks;
ALTER TABLE cl_tasks_next RENAME TO cl_tasks;
DROP TABLE IF EXISTS cl_workers_next;
CREATE TABLE cl_workers_next USING parquet AS SELECT worker, x, g, dir, gl + (x + 5e-1 * dir - 1e0) AS gn FROM (SELECT worker, x, g, dir FROM cl_workers) AS ww JOIN (SELECT worker, sum(gl) AS gl FROM cl_worker_partials GROUP BY worker) AS parts USING (worker);
DROP TABLE IF EXISTS cl_workers;
ALTER TABLE cl_workers_next RENAME TO cl_workers;

-- CG evaluate: the sums -Q and gn . dir are made of
SELECT sum(q) AS q, sum((x + 5e-1 * dir - 1e0) * (x + 5e-1 * dir - 1e0)) AS dev2, sum(gn * dir) AS slope, count(*) AS n FROM cl_tasks;
SELECT 0e0 AS q, sum((x + 5e-1 * dir - 1e0) * (x + 5e-1 * dir - 1e0)) AS dev2, sum(gn * dir) AS slope, count(*) AS n FROM cl_workers;

-- CG start: g = gn, dir = -gn
DROP TABLE IF EXISTS cl_workers_next;
CREATE TABLE cl_workers_next USING parquet AS SELECT worker, x, gn AS g, -gn AS dir, gn FROM cl_workers;
DROP TABLE IF EXISTS cl_workers;
ALTER TABLE cl_workers_next RENAME TO cl_workers;
DROP TABLE IF EXISTS cl_tasks_next;
CREATE TABLE cl_tasks_next USING parquet AS SELECT task, x, gn AS g, -gn AS dir, gn, q, p0, p1, p2 FROM cl_tasks;
DROP TABLE IF EXISTS cl_tasks;
ALTER TABLE cl_tasks_next RENAME TO cl_tasks;

-- CG restart: dir = -g
DROP TABLE IF EXISTS cl_workers_next;
CREATE TABLE cl_workers_next USING parquet AS SELECT worker, x, g, -g AS dir, gn FROM cl_workers;
DROP TABLE IF EXISTS cl_workers;
ALTER TABLE cl_workers_next RENAME TO cl_workers;
DROP TABLE IF EXISTS cl_tasks_next;
CREATE TABLE cl_tasks_next USING parquet AS SELECT task, x, g, -g AS dir, gn, q, p0, p1, p2 FROM cl_tasks;
DROP TABLE IF EXISTS cl_tasks;
ALTER TABLE cl_tasks_next RENAME TO cl_tasks;

-- CG accept(step): x = x + step * dir
DROP TABLE IF EXISTS cl_workers_next;
CREATE TABLE cl_workers_next USING parquet AS SELECT worker, x + 5e-1 * dir AS x, g, dir, gn FROM cl_workers;
DROP TABLE IF EXISTS cl_workers;
ALTER TABLE cl_workers_next RENAME TO cl_workers;
DROP TABLE IF EXISTS cl_tasks_next;
CREATE TABLE cl_tasks_next USING parquet AS SELECT task, x + 5e-1 * dir AS x, g, dir, gn, q, p0, p1, p2 FROM cl_tasks;
DROP TABLE IF EXISTS cl_tasks;
ALTER TABLE cl_tasks_next RENAME TO cl_tasks;

-- CG direction(beta): dir = -gn + beta * dir, g = gn
DROP TABLE IF EXISTS cl_workers_next;
CREATE TABLE cl_workers_next USING parquet AS SELECT worker, x, gn AS g, -gn + 2.5e-1 * dir AS dir, gn FROM cl_workers;
DROP TABLE IF EXISTS cl_workers;
ALTER TABLE cl_workers_next RENAME TO cl_workers;
DROP TABLE IF EXISTS cl_tasks_next;
CREATE TABLE cl_tasks_next USING parquet AS SELECT task, x, gn AS g, -gn + 2.5e-1 * dir AS dir, gn, q, p0, p1, p2 FROM cl_tasks;
DROP TABLE IF EXISTS cl_tasks;
ALTER TABLE cl_tasks_next RENAME TO cl_tasks;

-- CG scalars: g.g, g.dir, gn.(gn - g), max |g| (per table, added by the client)
SELECT sum(g * g) AS gg, sum(g * dir) AS gd, sum(gn * (gn - g)) AS num, max(abs(g)) AS gmax FROM cl_workers;
SELECT sum(g * g) AS gg, sum(g * dir) AS gd, sum(gn * (gn - g)) AS num, max(abs(g)) AS gmax FROM cl_tasks;

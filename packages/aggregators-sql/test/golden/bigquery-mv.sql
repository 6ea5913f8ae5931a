-- start: soft majority vote into cl_posteriors
CREATE OR REPLACE TABLE cl_posteriors AS SELECT task, count(*) AS deg, sum(CASE WHEN label = 0 THEN 1e0 ELSE 0e0 END) / count(*) AS p0, sum(CASE WHEN label = 1 THEN 1e0 ELSE 0e0 END) / count(*) AS p1, sum(CASE WHEN label = 2 THEN 1e0 ELSE 0e0 END) / count(*) AS p2, 0e0 AS ll FROM cl_labels GROUP BY task;

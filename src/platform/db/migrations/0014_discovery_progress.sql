-- Progress of a database scan (issue 8, console page): tables sampled so far out of the tables planned. Counts
-- only; written by the worker as it goes, read by the console while the scan runs.
ALTER TABLE discovery_scans ADD COLUMN tables_done integer;
ALTER TABLE discovery_scans ADD COLUMN tables_total integer;

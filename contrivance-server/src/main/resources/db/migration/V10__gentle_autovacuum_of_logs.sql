-- The op log and the activity log only grow: each change adds rows to both. PostgreSQL vacuums and
-- analyzes such tables after every 20 % of growth, at full speed when the pages are in memory; on
-- a small machine that took a core for a second or more, and writes queued behind it (a 250 ms
-- stall at 2,000 writes a second in the benchmark). Nothing waits for these vacuums (they only mark
-- pages all-visible and freeze them), so they may go five times slower and leave the CPU to writes.
alter table sheet_ops set (autovacuum_vacuum_cost_delay = 10);
alter table activity set (autovacuum_vacuum_cost_delay = 10);

-- The rows' GIN index (V3) takes new entries into a pending list and merges them into the index in
-- bulk, which is what keeps a row write cheap. PostgreSQL merges the list when it outgrows
-- gin_pending_list_limit (4 MB by default, about 20,000 row writes) inside the write that crossed
-- the limit: that write then took 150-200 ms, and every write queued behind it waited as long. The
-- server now merges the list every second in the background (RowIndexUpkeep), in a few
-- milliseconds; this larger limit only matters if that stops, and keeps a merge in a write rare.
alter index spreadsheet_rows_data set (gin_pending_list_limit = 16384);

-- Equality and containment filters on any column (data @> '{"stage":"Lead"}') use this index.
create index spreadsheet_rows_data on spreadsheet_rows using gin (data jsonb_path_ops);

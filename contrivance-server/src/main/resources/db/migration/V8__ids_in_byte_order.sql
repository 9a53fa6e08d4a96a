-- Ids (UUIDs, token hashes) compare in byte order. Under the database's default collation (often
-- a libc locale such as C.UTF-8 or en_US.UTF-8) every comparison in the keys below went through
-- strcoll, which was the largest single cost of PostgreSQL in a batch insert. For ASCII ids byte
-- order and those locales' order agree, so no key or keyset cursor changes meaning. Users' names,
-- emails and cell text keep the database's collation.
alter table users alter column id type varchar(36) collate "C";
alter table sessions alter column id type varchar(36) collate "C", alter column user_id type varchar(36) collate "C";
alter table refresh_tokens alter column token_hash type varchar(64) collate "C", alter column session_id type varchar(36) collate "C";
alter table spreadsheets alter column id type varchar(36) collate "C", alter column owner_id type varchar(36) collate "C",
  alter column public_token type varchar(64) collate "C";
alter table spreadsheet_rows alter column sheet_id type varchar(36) collate "C", alter column id type varchar(36) collate "C",
  alter column created_by type varchar(36) collate "C", alter column updated_by type varchar(36) collate "C";
alter table collaborators alter column sheet_id type varchar(36) collate "C", alter column user_id type varchar(36) collate "C";
alter table activity alter column sheet_id type varchar(36) collate "C", alter column user_id type varchar(36) collate "C",
  alter column row_id type varchar(36) collate "C";
alter table sheet_ops alter column sheet_id type varchar(36) collate "C", alter column user_id type varchar(36) collate "C";
alter table forecast_settings alter column sheet_id type varchar(36) collate "C";
alter table quotas alter column id type varchar(36) collate "C", alter column sheet_id type varchar(36) collate "C";
alter table saved_views alter column id type varchar(36) collate "C", alter column sheet_id type varchar(36) collate "C",
  alter column created_by type varchar(36) collate "C";

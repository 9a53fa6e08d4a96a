-- Saved views of a sheet (sort, filters, quick search, hidden columns), shared by everyone who can
-- read the sheet. Foreign keys are checked at commit, as in V1.

create table saved_views (
    id         varchar(36)  primary key,
    sheet_id   varchar(36)  not null references spreadsheets (id) on delete cascade deferrable initially deferred,
    name       varchar(100) not null,
    view       jsonb        not null,
    created_by varchar(36),
    created_at timestamptz  not null,
    updated_at timestamptz  not null
);
-- One view of a name per sheet, whatever its case.
create unique index saved_views_name on saved_views (sheet_id, lower(name));

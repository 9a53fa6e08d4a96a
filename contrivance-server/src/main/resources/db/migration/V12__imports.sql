-- Imports of CSV and XLSX files into sheets. The uploaded file is kept in chunks until the import
-- ends, so that whichever instance runs (or resumes) the import can read it.
create table imports (
    id              varchar(36) collate "C" primary key,
    sheet_id        varchar(36) collate "C" not null references spreadsheets (id) on delete cascade deferrable initially deferred,
    user_id         varchar(36) collate "C" not null references users (id) on delete cascade deferrable initially deferred,
    state           varchar(16)  not null check (state in ('running', 'done', 'failed', 'cancelled', 'undoing', 'undone')),
    options         text         not null,
    file_name       varchar(300),
    file_bytes      bigint       not null default 0,
    idempotency_key varchar(200),
    job_id          varchar(36),
    -- Progress, saved with the checkpoint after each batch: the file's rows up to checkpoint are done.
    checkpoint      bigint       not null default 0,
    bytes_read      bigint       not null default 0,
    rows_read       bigint       not null default 0,
    rows_written    bigint       not null default 0,
    rows_added      bigint       not null default 0,
    rows_updated    bigint       not null default 0,
    rows_deleted    bigint       not null default 0,
    rows_refused    bigint       not null default 0,
    cancel_requested boolean     not null default false,
    error           text,
    created_at      timestamptz  not null,
    started_at      timestamptz,
    finished_at     timestamptz
);
create index imports_sheet on imports (sheet_id, created_at desc);
create unique index imports_idempotency on imports (sheet_id, user_id, idempotency_key);

create table import_chunks (
    import_id varchar(36) collate "C" not null references imports (id) on delete cascade deferrable initially deferred,
    seq       integer not null,
    bytes     bytea   not null,
    primary key (import_id, seq)
);

-- Each refused cell (or row), by the file's row number.
create table import_errors (
    import_id  varchar(36) collate "C" not null references imports (id) on delete cascade,
    row_number bigint       not null,
    column_name varchar(200),
    value      text,
    reason     text         not null
);
create index import_errors_import on import_errors (import_id, row_number);

-- The rows an import changed or deleted, as they were before it: what its undo restores. Rows it
-- added are not listed; their ids carry the import's prefix.
create table import_changes (
    import_id varchar(36) collate "C" not null references imports (id) on delete cascade,
    row_id    varchar(36) collate "C" not null,
    position  bigint      not null,
    before    text        not null,
    deleted   boolean     not null,
    primary key (import_id, row_id)
);
-- Undo puts rows back in the sheet's old order.
create index import_changes_order on import_changes (import_id, position, row_id);

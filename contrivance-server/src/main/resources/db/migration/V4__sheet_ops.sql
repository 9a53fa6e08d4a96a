-- The log of accepted edits: one entry per revision of a sheet, as the event clients receive, so
-- that a client that reconnects with the last revision it saw can be sent what it missed.
create table sheet_ops (
    sheet_id varchar(36) not null references spreadsheets (id) on delete cascade deferrable initially deferred,
    revision bigint      not null,
    at       timestamptz not null,
    user_id  varchar(36),
    op_id    varchar(200),
    event    jsonb       not null,
    primary key (sheet_id, revision)
);

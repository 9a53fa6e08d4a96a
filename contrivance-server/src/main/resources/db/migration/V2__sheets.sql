-- Sheets, their rows (cells as JSONB keyed by column id), sharing and the audit log.
-- Foreign keys are checked at commit, as in V1.

create table spreadsheets (
    id           varchar(36)  primary key,
    owner_id     varchar(36)  not null references users (id) on delete cascade deferrable initially deferred,
    name         varchar(200) not null,
    description  text         not null default '',
    columns      jsonb        not null,
    text_format  varchar(16)  not null default 'ISO',
    revision     bigint       not null default 0,
    public_token varchar(64)  unique,
    created_at   timestamptz  not null,
    updated_at   timestamptz  not null
);
create index spreadsheets_owner_id on spreadsheets (owner_id);

create table spreadsheet_rows (
    sheet_id   varchar(36) not null references spreadsheets (id) on delete cascade deferrable initially deferred,
    id         varchar(36) not null,
    position   bigint      not null,
    version    bigint      not null,
    data       jsonb       not null,
    created_by varchar(36),
    updated_by varchar(36),
    created_at timestamptz not null,
    updated_at timestamptz not null,
    primary key (sheet_id, id)
);
-- Keyset pagination in sheet order.
create index spreadsheet_rows_order on spreadsheet_rows (sheet_id, position, id);

create table collaborators (
    sheet_id   varchar(36) not null references spreadsheets (id) on delete cascade deferrable initially deferred,
    user_id    varchar(36) not null references users (id) on delete cascade deferrable initially deferred,
    role       varchar(16) not null check (role in ('viewer', 'editor')),
    created_at timestamptz not null,
    primary key (sheet_id, user_id)
);
create index collaborators_user_id on collaborators (user_id);

create table activity (
    id        bigserial    primary key,
    sheet_id  varchar(36)  not null references spreadsheets (id) on delete cascade deferrable initially deferred,
    user_id   varchar(36),
    at        timestamptz  not null,
    revision  bigint       not null,
    action    varchar(40)  not null,
    row_id    varchar(36),
    column_id varchar(128),
    old_value jsonb,
    new_value jsonb
);
create index activity_sheet on activity (sheet_id, id desc);

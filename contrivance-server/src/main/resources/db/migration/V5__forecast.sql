-- Forecast settings per sheet (stage model, column mapping, currency, fiscal year, stale limit) and
-- quotas per owner (or the whole team: owner null) and period. Foreign keys are checked at commit,
-- as in V1.

create table forecast_settings (
    sheet_id   varchar(36) primary key references spreadsheets (id) on delete cascade deferrable initially deferred,
    settings   jsonb       not null,
    updated_at timestamptz not null
);

create table quotas (
    id           varchar(36)    primary key,
    sheet_id     varchar(36)    not null references spreadsheets (id) on delete cascade deferrable initially deferred,
    owner        varchar(200),
    period_label varchar(40)    not null,
    period_start date           not null,
    period_end   date           not null,
    amount       numeric(20, 4) not null check (amount >= 0),
    currency     char(3)        not null,
    created_at   timestamptz    not null,
    updated_at   timestamptz    not null
);
-- One quota per owner (or team) and period.
create unique index quotas_one_per_period on quotas (sheet_id, coalesce(owner, ''), period_start, period_end);

-- The job queue: work that must happen once, later or again, whichever instance does it.
-- A worker claims a job with FOR UPDATE SKIP LOCKED and holds it under a lease; a job whose lease
-- ran out (its worker died) is claimed again. Times come from the database's clock, the one clock
-- every instance shares.
create table jobs (
    id              varchar(36)  primary key,
    queue           varchar(64)  not null,
    kind            varchar(100) not null,
    payload         text         not null,
    priority        integer      not null default 0,
    state           varchar(16)  not null check (state in ('waiting', 'running', 'done', 'dead', 'discarded')),
    attempts        integer      not null default 0,
    max_attempts    integer      not null,
    run_at          timestamptz  not null,
    lease_until     timestamptz,
    leased_by       varchar(100),
    idempotency_key varchar(200),
    last_error      text,
    created_at      timestamptz  not null,
    updated_at      timestamptz  not null,
    finished_at     timestamptz
);
create unique index jobs_idempotency_key on jobs (idempotency_key);
-- What a worker looks for: ready jobs by priority, and running ones whose lease may have run out.
create index jobs_ready on jobs (priority desc, run_at) where state = 'waiting';
create index jobs_leased on jobs (lease_until) where state = 'running';
create index jobs_finished on jobs (finished_at) where state in ('done', 'discarded');

-- Side effects a job has had, by key: a job run again after its worker died skips what is here.
create table job_effects (
    effect_key varchar(250) primary key,
    job_id     varchar(36)  not null,
    done_at    timestamptz  not null
);

-- Notifications, per user, newest first.
create table notifications (
    id         varchar(36)  primary key,
    user_id    varchar(36)  not null references users (id) on delete cascade deferrable initially deferred,
    category   varchar(32)  not null,
    title      varchar(300) not null,
    body       text         not null,
    link       varchar(500),
    sheet_id   varchar(36),
    actor_id   varchar(36),
    -- How it was to be delivered beyond the app (the preference when it was made), and when it went
    -- out in a digest.
    delivery    varchar(16)  not null,
    digested_at timestamptz,
    -- The same event told twice (a deal that slipped, checked every day) has one notification.
    dedupe_key  varchar(200),
    created_at  timestamptz  not null,
    read_at     timestamptz
);
create index notifications_by_user on notifications (user_id, created_at desc);
create unique index notifications_dedupe on notifications (user_id, dedupe_key);
create index notifications_digest on notifications (user_id) where delivery = 'digest' and digested_at is null;
create index notifications_unread on notifications (user_id) where read_at is null;

-- How each user wants each category: in the app only, by email at once, in a daily email digest, or not at all.
create table notification_preferences (
    user_id  varchar(36) not null references users (id) on delete cascade deferrable initially deferred,
    category varchar(32) not null,
    delivery varchar(16) not null check (delivery in ('in_app', 'email', 'digest', 'off')),
    primary key (user_id, category)
);

-- Plugins' configuration values, set by admins; secret ones are never sent back.
create table plugin_config (
    plugin_id  varchar(100) not null,
    name       varchar(100) not null,
    value      text         not null,
    secret     boolean      not null,
    updated_at timestamptz  not null,
    primary key (plugin_id, name)
);

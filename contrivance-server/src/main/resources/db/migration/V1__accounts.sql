-- Accounts, sessions and refresh tokens.
-- Foreign keys are checked at commit: EclipseLink does not know the order of unmapped relations.
-- Ids are UUID strings; emails are stored normalized (lower case) and unique.

create table users (
    id            varchar(36)  primary key,
    email         varchar(254) not null,
    name          varchar(200) not null,
    password_hash varchar(100) not null,
    role          varchar(16)  not null check (role in ('admin', 'user')),
    disabled      boolean      not null default false,
    created_at    timestamptz  not null,
    updated_at    timestamptz  not null
);
create unique index users_email_key on users (email);

-- A session is one login: the family of refresh tokens rotated from it. Revoking it (logout,
-- detected refresh-token reuse, account disabled) ends every token of the family.
create table sessions (
    id             varchar(36) primary key,
    user_id        varchar(36) not null references users (id) on delete cascade deferrable initially deferred,
    created_at     timestamptz not null,
    revoked_at     timestamptz,
    revoked_reason varchar(40)
);
create index sessions_user_id on sessions (user_id);

-- Refresh tokens are random and opaque; only their SHA-256 is stored.
create table refresh_tokens (
    token_hash  varchar(64) primary key,
    session_id  varchar(36) not null references sessions (id) on delete cascade deferrable initially deferred,
    expires_at  timestamptz not null,
    used_at     timestamptz,
    created_at  timestamptz not null
);
create index refresh_tokens_session_id on refresh_tokens (session_id);

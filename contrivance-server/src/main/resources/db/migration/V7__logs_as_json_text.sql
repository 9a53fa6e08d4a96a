-- The op log and the audit log are written on every edit and only ever read back whole, as text:
-- kept as json (the text, checked) rather than jsonb, whose conversion to a binary form on every
-- write bought nothing here.
alter table sheet_ops alter column event type json using event::json;
alter table activity alter column old_value type json using old_value::json,
                     alter column new_value type json using new_value::json;

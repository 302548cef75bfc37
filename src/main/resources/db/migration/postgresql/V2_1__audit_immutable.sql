-- On PostgreSQL the database itself refuses to change or remove a trace row.
create or replace function audit_event_immutable() returns trigger as $$
begin
    raise exception 'audit_event is append-only' using errcode = '42501';
end;
$$ language plpgsql;

create trigger audit_event_no_update_delete
    before update or delete on audit_event
    for each row execute function audit_event_immutable();

create trigger audit_event_no_truncate
    before truncate on audit_event
    for each statement execute function audit_event_immutable();

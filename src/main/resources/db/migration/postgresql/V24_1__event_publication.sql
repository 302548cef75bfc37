-- Spring Modulith 2.0 JDBC event publication registry (schema v2 as Modulith ships it for
-- PostgreSQL): an event between modules is stored with each listener it must reach, in the
-- publisher's transaction, and completed when the listener succeeded, so a crash loses no reaction.
create table if not exists event_publication (
    id                     uuid not null,
    listener_id            text not null,
    event_type             text not null,
    serialized_event       text not null,
    publication_date       timestamp with time zone not null,
    completion_date        timestamp with time zone,
    status                 text,
    completion_attempts    int,
    last_resubmission_date timestamp with time zone,
    primary key (id)
);
create index if not exists event_publication_serialized_event_hash_idx on event_publication using hash (serialized_event);
create index if not exists event_publication_by_completion_date_idx on event_publication (completion_date);

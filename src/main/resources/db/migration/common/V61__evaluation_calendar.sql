-- Issue 10 §1: periods closed by the clock. Per city and period kind, how many days after a period
-- ends it closes itself (the grace the office gives late data); no row: the office closes by hand.
create table evaluation_calendar (
    city_id bigint not null references city (id),
    period_kind varchar(8) not null,
    close_after_days integer not null,
    updated_at timestamp with time zone not null,
    updated_by varchar(64) not null,
    primary key (city_id, period_kind),
    constraint ck_evaluation_calendar_kind check (period_kind in ('WEEK', 'MONTH', 'BIMONTH', 'QUARTER', 'YEAR')),
    constraint ck_evaluation_calendar_days check (close_after_days between 0 and 60)
);

-- A reopened period closes again by hand only. An automatic closing that was held back (an
-- inspection round still open) says why: a message key and its arguments, one per line.
alter table evaluation_period add column reopened_at timestamp with time zone;
alter table evaluation_period add column held_key varchar(64);
alter table evaluation_period add column held_args varchar(1000);
alter table evaluation_period add column held_at timestamp with time zone;

-- Triage of citizen reports (issue 11 §1): when a report is accepted without a unit named and no
-- field point is near its place, the problem goes to the category's default department of the city
-- (e.g. 占道经营 → 城管局). The office keeps this table on the triage settings page; changes are traced.
create table citizen_report_default_unit (
    city_id bigint not null references city (id),
    category_id bigint not null references problem_category (id),
    unit_id bigint not null references unit (id),
    updated_at timestamp with time zone not null,
    updated_by varchar(64) not null,
    primary key (city_id, category_id)
);

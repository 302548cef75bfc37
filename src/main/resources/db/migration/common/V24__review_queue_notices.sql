-- Review queue (待审核) and the notices that follow reports between modules.
-- Besides deadline reminders, notifications now tell a unit its report was approved or returned,
-- and the office (hourly digest) that new reports wait for review. Those have no deadline, and the
-- digest no assignment; "ref" names what a notice is about (report:<id>, digest:<hour>) so a
-- repeated event (the publication registry retries after a crash) inserts nothing twice.
alter table notification drop constraint ck_notification_kind;
alter table notification add constraint ck_notification_kind
    check (kind in ('DUE_7', 'DUE_3', 'DUE_1', 'OVERDUE', 'REPORT_APPROVED', 'REPORT_RETURNED', 'REVIEW_DIGEST'));
alter table notification alter column assignment_id drop not null;
alter table notification alter column deadline drop not null;
alter table notification add column link varchar(300);
alter table notification add column ref varchar(64) default '' not null;
alter table notification drop constraint uk_notification_once;
alter table notification add constraint uk_notification_once unique (channel, recipient, assignment_id, kind, remind_on, ref);

-- Reports that arrived for review and the hourly digest that told the office (notify's own read
-- model, filled from ProgressReportSubmitted). A digest claims its rows with one UPDATE, so an hour
-- is digested once even when two nodes hear HourHasPassed.
create table review_arrival (
    report_id bigint primary key,
    city_id bigint not null references city (id),
    submitted_at timestamp with time zone not null,
    digest_hour timestamp with time zone
);
create index ix_review_arrival_city on review_arrival (city_id, digest_hour, submitted_at);

-- Who may read the review queue: the city office (which also decides) and the province (reads
-- across cities). Units never see it.
insert into role_permission (role_code, permission) values
    ('CITY_OFFICE', 'report:queue'),
    ('PROVINCE_OFFICE', 'report:queue');

-- In-app notices of the problem loop (issue 8): dispatched to a unit, rectification returned,
-- rectification waiting for verification, a problem with a leader's instruction closed; a problem's
-- deadline near or passed; a rectification notice issued, and not signed for a day later.
alter table notification drop constraint ck_notification_kind;
alter table notification add constraint ck_notification_kind
    check (kind in ('DUE_7', 'DUE_3', 'DUE_1', 'OVERDUE', 'REPORT_APPROVED', 'REPORT_RETURNED', 'REVIEW_DIGEST',
                    'PROBLEM_DISPATCHED', 'PROBLEM_RETURNED', 'PROBLEM_SUBMITTED', 'PROBLEM_CLOSED',
                    'PROBLEM_DUE', 'PROBLEM_OVERDUE', 'NOTICE_ISSUED', 'NOTICE_UNSIGNED'));
-- PROBLEM_DISPATCHED and PROBLEM_SUBMITTED are longer than the 16 characters kinds had so far.
alter table notification alter column kind type varchar(32);
-- A notice about no assignment (a problem, a rectification notice) is stored once per recipient, kind,
-- day and ref too: NULLs must not count as distinct in the once-only key (H2 2.2+ and PostgreSQL 15+).
alter table notification drop constraint uk_notification_once;
alter table notification add constraint uk_notification_once
    unique nulls not distinct (channel, recipient, assignment_id, kind, remind_on, ref);

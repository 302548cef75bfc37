-- An inspection plan's inspectors are told of it in the app (issue 9 §2, NoticeKind.PLAN_ASSIGNED).
alter table notification drop constraint ck_notification_kind;
alter table notification add constraint ck_notification_kind
    check (kind in ('DUE_7', 'DUE_3', 'DUE_1', 'OVERDUE', 'REPORT_APPROVED', 'REPORT_RETURNED', 'REVIEW_DIGEST',
                    'PROBLEM_DISPATCHED', 'PROBLEM_RETURNED', 'PROBLEM_SUBMITTED', 'PROBLEM_CLOSED',
                    'PROBLEM_DUE', 'PROBLEM_OVERDUE', 'NOTICE_ISSUED', 'NOTICE_UNSIGNED', 'PROBLEM_LIST_RED',
                    'PLAN_ASSIGNED'));

-- Progress over time (进度趋势): how many assignments of an indicator system were in each state
-- at the end of a campaign day (Asia/Shanghai). Written once a day when the day has passed, with
-- the same state rules as the battle map; re-running a day replaces that day's rows. Every state
-- has a row, zero included, so a day either has a complete snapshot or none.
create table progress_snapshot (
    city_id bigint not null references city (id),
    system_id bigint not null references indicator_system (id),
    snapshot_day date not null,
    state varchar(16) not null,
    assignments integer not null,
    -- true for days reconstructed afterwards (demo backfill): percent history is not kept, so the
    -- counts of such a day are an estimate, shown as "估算"
    estimated boolean not null default false,
    constraint pk_progress_snapshot primary key (system_id, snapshot_day, state),
    constraint ck_progress_snapshot_state check (state in ('NOT_STARTED', 'ON_TRACK', 'AT_RISK', 'OVERDUE', 'SIGNED_OFF')),
    constraint ck_progress_snapshot_count check (assignments >= 0)
);
create index ix_progress_snapshot_city_day on progress_snapshot (city_id, snapshot_day);

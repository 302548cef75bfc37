-- Which problem each inspection finding became (issue 9 §3): one problem per finding, so a
-- redelivered InspectionFindingsReleased event finds the problem made the first time and creates
-- nothing, and photos added to the finding later go to the same problem. The problem keeps
-- origin_type 'inspection' and origin_id = the inspection; the item tells its findings apart.
create table problem_inspection_finding (
    inspection_id bigint not null references inspection (id),
    item_id bigint not null references checklist_item (id),
    problem_id bigint not null references problem (id),
    primary key (inspection_id, item_id)
);
create index ix_problem_inspection_finding_problem on problem_inspection_finding (problem_id);

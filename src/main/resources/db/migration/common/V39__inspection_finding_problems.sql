-- Which problem each inspection finding became (issue 9 §3): one problem per finding, so a
-- redelivered InspectionFindingReleased event finds the problem made the first time and creates
-- nothing, and photos added to the finding later go to the same problem. The problem keeps
-- origin_type 'inspection' and origin_id = the inspection; the item tells its findings apart.
-- The row is claimed (problem_id still null) by whichever event about the finding is heard first:
-- its key makes the finding's listeners take turns, so no photo falls between them.
create table problem_inspection_finding (
    inspection_id bigint not null references inspection (id),
    item_id bigint not null references checklist_item (id),
    problem_id bigint references problem (id),
    primary key (inspection_id, item_id)
);
create index ix_problem_inspection_finding_problem on problem_inspection_finding (problem_id);

-- Photos of a finding heard of before its problem was made: the problem takes them when it is made.
create table problem_inspection_photo (
    inspection_id bigint not null,
    item_id bigint not null,
    file_id bigint not null references stored_file (id),
    primary key (inspection_id, item_id, file_id),
    constraint fk_problem_inspection_photo_finding foreign key (inspection_id, item_id)
        references problem_inspection_finding (inspection_id, item_id)
);

-- Every business row carries city_id (the jurisdiction and the future distribution key), also the
-- child rows of an assignment and of a responsibility letter. Backfilled from the parent row.

alter table milestone add column city_id bigint;
update milestone m set city_id = (select a.city_id from assignment a where a.id = m.assignment_id);
alter table milestone alter column city_id set not null;
alter table milestone add constraint fk_milestone_city foreign key (city_id) references city (id);
create index ix_milestone_city on milestone (city_id, assignment_id);

alter table assignment_cooperator add column city_id bigint;
update assignment_cooperator c set city_id = (select a.city_id from assignment a where a.id = c.assignment_id);
alter table assignment_cooperator alter column city_id set not null;
alter table assignment_cooperator add constraint fk_assignment_cooperator_city foreign key (city_id) references city (id);
create index ix_assignment_cooperator_city on assignment_cooperator (city_id, unit_id);

alter table responsibility_letter_item add column city_id bigint;
update responsibility_letter_item i set city_id = (select l.city_id from responsibility_letter l where l.id = i.letter_id);
alter table responsibility_letter_item alter column city_id set not null;
alter table responsibility_letter_item add constraint fk_letter_item_city foreign key (city_id) references city (id);
create index ix_letter_item_city on responsibility_letter_item (city_id, letter_id);

-- The unit list pages one city in tree order: LIMIT/OFFSET walks this index instead of sorting the city.
create index ix_unit_city_path on unit (city_id, path);

-- The unit's top leader (一把手) as an account, when the person has one: problems long overdue are
-- escalated to them (issue 8 §4). leader_name stays the name printed on documents.
alter table unit add column top_leader_user_id bigint references app_user (id);

-- A key project's task force (专班, issue 12 §2): one of the city's TASK_FORCE bodies (V67), shown on
-- the project's page with its members.
alter table key_project add column task_force_id bigint references command_body (id);

-- Two indexes that no query needs any more, dropped because every index is one more B-tree that each
-- insert rewrites at commit (on H2 with WRITE_DELAY=0, page by page):
-- ix_audit_actor (actor, occurred_at): the trace filters by actor and pages by id, served by
--   ix_audit_actor_id (actor, id) since V4; a time range is a filter on those rows.
-- ix_unit_path (path): every subtree query also names the city, served by ix_unit_city_path
--   (city_id, path) since V23.
drop index ix_audit_actor;
drop index ix_unit_path;

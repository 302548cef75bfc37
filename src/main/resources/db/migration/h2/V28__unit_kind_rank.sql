-- Units are listed by kind (the order of UnitKind: city, district, towns, communities, departments,
-- windows), then code. The kind's rank is stored, so the order is plain columns; UnitKindRankIntegrationTest
-- checks the rank against UnitKind, so a new kind cannot be missed here.
-- No index on H2: its planner keeps the city index and sorts the city's units whatever the index,
-- so one would only cost every write (the embedded database serves the small deployments).
alter table unit add column kind_rank smallint generated always as (case kind when 'CITY' then 0 when 'DISTRICT' then 1 when 'TOWN' then 2 when 'TOWNSHIP' then 3 when 'SUBDISTRICT' then 4 when 'COMMUNITY' then 5 when 'VILLAGE' then 6 when 'DEPARTMENT' then 7 when 'WINDOW' then 8 end);

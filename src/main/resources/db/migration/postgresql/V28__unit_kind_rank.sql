-- Units are listed by kind (the order of UnitKind: city, district, towns, communities, departments,
-- windows), then code. A stored rank makes that order an index: a page of a big city's units reads
-- its fifty rows from the index instead of sorting every unit of the city. UnitKindRankIntegrationTest
-- checks the rank against UnitKind, so a new kind cannot be missed here.
alter table unit add column kind_rank smallint generated always as (case kind when 'CITY' then 0 when 'DISTRICT' then 1 when 'TOWN' then 2 when 'TOWNSHIP' then 3 when 'SUBDISTRICT' then 4 when 'COMMUNITY' then 5 when 'VILLAGE' then 6 when 'DEPARTMENT' then 7 when 'WINDOW' then 8 end) stored;
create index ix_unit_city_order on unit (city_id, kind_rank, code);

-- The city's civilization index (文明指数, X6): which quarterly score scheme the office publishes as
-- the index. A town's index of a quarter is its total in that scheme's frozen scores; the city's
-- index is the mean of its towns' indexes. Only published periods are ever shown.
create table civilization_index (
    city_id bigint primary key references city (id),
    scheme_id bigint not null references evaluation_scheme (id),
    set_at timestamp with time zone not null,
    set_by varchar(64) not null
);

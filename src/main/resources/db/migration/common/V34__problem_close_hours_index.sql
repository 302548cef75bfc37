-- The statistics' median time to close: the closed problems' hours of the period's months read from
-- the index alone, without touching each row (issue 8 §8: statistics of a 100,000-problem year under
-- 300 ms). The month before the hours, so a period is one range however many years the city keeps.
create index ix_problem_close_hours on problem (city_id, state, found_month, hours_to_close);

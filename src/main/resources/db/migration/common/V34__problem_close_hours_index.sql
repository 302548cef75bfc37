-- The statistics' median time to close: the closed problems' hours read from the index alone,
-- without touching each row (issue 8 §8: statistics of a 100,000-problem year under 300 ms).
create index ix_problem_close_hours on problem (city_id, state, hours_to_close, found_month);

-- Numeric targets shared out (T10): the lead unit's share of the indicator's city target; progress
-- of a numeric assignment is measured against the share when one is set, else the city target.
alter table assignment add column target_share numeric(14,3);

-- An assignment the office withdraws (撤销) leaves lists, the battle map and unit homes but stays,
-- with who, when and why, for the trace.
alter table assignment add column withdrawn_at timestamp with time zone;
alter table assignment add column withdrawn_by varchar(64);
alter table assignment add column withdraw_reason varchar(1000);

-- A unit given an indicator again after a withdrawal gets a new row, so uniqueness of
-- (indicator, lead unit) holds among live assignments only (checked by the service); the index stays.
alter table assignment drop constraint uk_assignment_indicator_unit;
create index ix_assignment_indicator_unit on assignment (indicator_id, lead_unit_id);

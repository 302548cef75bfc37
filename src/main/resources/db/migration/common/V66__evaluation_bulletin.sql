-- The number of a published period's bulletin (通报, e.g. 潜创考〔2026〕1号), taken from document_number
-- (kind EVALUATION_BULLETIN) when the period is published; null while not published.
alter table evaluation_period add column bulletin_number varchar(40);

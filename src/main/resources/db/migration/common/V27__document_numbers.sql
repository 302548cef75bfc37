-- Document numbers (发文字号): one counter per city, document kind and year holding the last number
-- handed out (仙创责〔2026〕3号 is LETTER, 2026, 3). Letters, rectification notices, supervision
-- letters and bulletins all take their numbers here. doc_year, not year: YEAR is a keyword in H2.
create table document_number (
    city_id bigint not null references city (id),
    kind varchar(32) not null,
    doc_year integer not null,
    last_seq integer not null,
    primary key (city_id, kind, doc_year)
);

-- Letters issued before this table existed keep their numbers; the sequence continues after them.
insert into document_number (city_id, kind, doc_year, last_seq)
select city_id, 'LETTER', letter_year, max(seq) from responsibility_letter group by city_id, letter_year;

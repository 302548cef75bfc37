-- Where a photo was taken (EXIF GPS), WGS-84 degrees: a hint for the verifier (a rectification photo
-- taken far from the problem's place), never a reason to refuse a file. Null when the file says
-- nothing or its GPS is unusable; both or neither.
alter table stored_file add column latitude numeric(9,6);
alter table stored_file add column longitude numeric(9,6);
alter table stored_file add constraint ck_stored_file_place check (
    (latitude is null and longitude is null)
    or (latitude between -90 and 90 and longitude between -180 and 180));

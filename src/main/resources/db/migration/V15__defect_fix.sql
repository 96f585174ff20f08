-- Issue 15: every raised defect is the development team's work (the defectFix process) and ends
-- CLOSED with a reason: not a defect, a duplicate of another, confirmed by its raiser, or released
-- and not confirmed. The duplicate's original is kept for the record.
alter table defect add column closure_reason varchar(200);
alter table defect add column duplicate_of varchar(64);

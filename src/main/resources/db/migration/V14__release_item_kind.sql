-- Issue 15: a release carries items of two kinds, defect fixes and configuration changes (a
-- reference-data load, a parameter change). Both live in the register; what exists today is a defect.
alter table defect add column kind varchar(20) default 'DEFECT' not null;
create index defect_kind_idx on defect (kind);

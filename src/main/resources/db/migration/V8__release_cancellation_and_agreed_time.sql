-- Why a release ended without going live (cancelled, or an emergency withdrawn), so its
-- cancellation note and the release calendar can say so. The detail is a short text, such as the
-- route-to-live violation that stopped it.
alter table ccmt_release add column cancellation_reason varchar(40);
alter table ccmt_release add column cancellation_detail varchar(1000);

-- The deployment time the release managers agreed for an emergency release, and agreed again
-- when it passed before the stakeholders agreed. Notes and pages show it.
alter table ccmt_release add column agreed_deployment_at timestamp with time zone;

-- A release note is a record of what was communicated: each version is rendered once, when it is
-- created, and stored as sent. Later changes to defects or releases never alter it.
alter table release_note add column title varchar(200);
alter table release_note add column body_html text;
alter table release_note add column body_text text;

-- Notes written before notes were rendered keep their summary as their text; they have no HTML.
update release_note set
  title = case kind
            when 'PROVISIONAL' then 'Provisional release note '
            when 'FINAL' then 'Final release note '
            when 'EMERGENCY' then 'Emergency release note '
            else 'No release this week – '
          end || release_id
          || case when version > 1 then ', version ' || cast(version as varchar(10)) else '' end,
  body_text = summary;
alter table release_note alter column title set not null;
alter table release_note alter column body_text set not null;

-- When a release started running in the live test environment. The final note folds in the
-- emergency releases that went live since the previous regular release, so it needs the moment,
-- not only the status. Releases already live take the time of their last change.
alter table ccmt_release add column deployed_at timestamp with time zone;
update ccmt_release set deployed_at = updated_at where status = 'DEPLOYED';

-- The emails sent about a release (its notes, a late review, a failed deployment) name it, so the
-- staff page of the release shows each with its delivery state (issue 14). Emails about no release
-- (information requests, partnering) leave it empty. Emails queued before this name their release
-- only in their message key; those keys are read once here.
alter table outbound_email add column release_id varchar(64);

update outbound_email set release_id =
  (select n.release_id from release_note n
   where outbound_email.message_key = 'release-note:' || cast(n.id as varchar(20)))
where message_key like 'release-note:%';

update outbound_email set release_id = substring(message_key from 21)
where message_key like 'late-release-review:%';

create index outbound_email_release_idx on outbound_email (release_id);

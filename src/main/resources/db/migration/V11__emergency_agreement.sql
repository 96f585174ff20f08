-- Stakeholder agreement to an emergency deployment (issue 14): each time the stakeholders are asked,
-- a round of the release asks every organisation taking part, and keeps each one's answer here.
-- The release managers' confirmation reads the tally from these rows; an organisation reads only
-- its own task, never this table.
create table emergency_agreement_round (
  release_id      varchar(64) not null references ccmt_release (id),
  round           integer     not null,
  deployment_time timestamp with time zone not null,
  asked_at        timestamp with time zone not null,
  due_at          timestamp with time zone not null,
  organisations   integer     not null,
  closed_at       timestamp with time zone,
  primary key (release_id, round)
);

-- One organisation's answer in one round: AGREED, OBJECTED (with its reason) or NO_ANSWER (the
-- window closed, or the release ended first); null while the question is open.
create table emergency_agreement (
  release_id          varchar(64) not null,
  round               integer     not null,
  participant_code    varchar(20) not null references participant (code),
  process_instance_id varchar(64),
  opened_at           timestamp with time zone,
  answer              varchar(20),
  comment             varchar(4000),
  answered_by         varchar(64),
  answered_at         timestamp with time zone,
  primary key (release_id, round, participant_code),
  foreign key (release_id, round) references emergency_agreement_round (release_id, round)
);

create index emergency_agreement_instance on emergency_agreement (process_instance_id);

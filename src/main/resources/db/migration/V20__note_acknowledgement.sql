-- Acknowledgement of release notes (issue 16): a final or emergency note can require each
-- organisation taking part to acknowledge it (ccmt.notes.acknowledge). One round per note, and one
-- row per organisation asked. The one-time link's token is kept only as its SHA-256 hash.
create table note_acknowledgement_round (
  note_id       bigint       not null primary key references release_note (id),
  release_id    varchar(64)  not null,
  note_title    varchar(300) not null,
  asked_at      timestamp with time zone not null,
  due_at        timestamp with time zone not null,
  organisations integer      not null,
  chased_at     timestamp with time zone
);

-- via: LINK (the one-time link in the email) or TASKLIST; acknowledged_by is the user, or 'link'.
-- late: acknowledged after the round's due_at (ccmt.notes.acknowledge-within), which still counts.
create table note_acknowledgement (
  note_id             bigint      not null references note_acknowledgement_round (note_id),
  participant_code    varchar(20) not null references participant (code),
  token_hash          varchar(64) not null,
  expires_at          timestamp with time zone not null,
  process_instance_id varchar(64),
  acknowledged_at     timestamp with time zone,
  acknowledged_by     varchar(64),
  via                 varchar(20),
  late                boolean     not null default false,
  reminded_at         timestamp with time zone,
  primary key (note_id, participant_code)
);

create unique index note_acknowledgement_token on note_acknowledgement (token_hash);
create index note_acknowledgement_instance on note_acknowledgement (process_instance_id);

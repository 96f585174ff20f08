-- The organisations taking part in market trials, and who at each receives the programme's email.

create table participant (
  code       varchar(20)  primary key,
  name       varchar(200) not null,
  category   varchar(20)  not null,
  region     varchar(100),
  takes_part boolean      not null,
  created_at timestamp with time zone not null
);

create table participant_contact (
  participant_code varchar(20)  not null references participant (code),
  email            varchar(254) not null,
  primary key (participant_code, email)
);

-- The sent-mail page (/mail, issue 17) lists the newest emails first, with a limit, whatever the
-- filters: an index on the queued time lets it read only the newest rows instead of sorting the
-- whole outbox, which holds one row per recipient of every note.
create index outbound_email_created_idx on outbound_email (created_at, id);

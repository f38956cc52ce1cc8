-- The grant a match's current owner holds (the matchmaker's epoch, raised by each takeover). A node
-- writes a match's position batches only under a grant at least this recent, so a node that was
-- paused and lost the match cannot overwrite the new owner's positions when it wakes.
ALTER TABLE matches ADD COLUMN epoch bigint NOT NULL DEFAULT 1;

-- The operator console finds players by the start of their name, whatever the case:
-- lower(name) LIKE 'prefix%' uses this index instead of reading the whole table.
CREATE INDEX players_name_idx ON players (lower(name) text_pattern_ops);

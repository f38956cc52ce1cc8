-- SCAN on the node that holds a shard's slot. In a Redis Cluster a bare SCAN goes to any node and
-- walks only that node's keys; a script runs where its key lives.
-- KEYS[1]: any key of the shard (it only routes the call). ARGV: cursor, MATCH pattern, COUNT.
-- Returns SCAN's reply: the next cursor ("0" when done) and the keys of this step.
return redis.call('SCAN', ARGV[1], 'MATCH', ARGV[2], 'COUNT', ARGV[3])

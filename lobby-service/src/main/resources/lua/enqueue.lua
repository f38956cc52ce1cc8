-- Joins the queue in one atomic step (docs/matchmaking.md): one game at a time, queue entry,
-- player hash and join event together, so a retry never queues twice and nothing is half-written.
-- KEYS[1] player:{id}   KEYS[2] players_queue   KEYS[3] lobby:joins
-- ARGV[1] player id  ARGV[2] now (epoch ms)  ARGV[3] name  ARGV[4] colors JSON
-- ARGV[5] player TTL (ms)  ARGV[6] approximate max length of lobby:joins
-- Returns {'conflict', status, room, node, joined_timestamp} (absent fields as '')
--      or {'queued', joined_timestamp, rank (0-based), queue length}.
local player, queue, joins = KEYS[1], KEYS[2], KEYS[3]
local id, now = ARGV[1], ARGV[2]

local current = redis.call('HMGET', player, 'status', 'room', 'node', 'joined_timestamp')
if current[1] then
  return {'conflict', current[1], current[2] or '', current[3] or '', current[4] or ''}
end

redis.call('ZADD', queue, now, id)
-- HSET keeps a 'sid' the lobby socket may have set before the player asked to play.
redis.call('HSET', player, 'status', 'queued', 'name', ARGV[3], 'colors', ARGV[4], 'joined_timestamp', now)
redis.call('HDEL', player, 'room', 'node')
redis.call('PEXPIRE', player, ARGV[5])
redis.call('XADD', joins, 'MAXLEN', '~', ARGV[6], '*', 'type', 'join', 'player', id, 'at', now)
return {'queued', now, redis.call('ZRANK', queue, id), redis.call('ZCARD', queue)}

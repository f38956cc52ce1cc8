-- Takes a player out of the queue, or asks the matchmaker to take them out of their room, in one
-- atomic step (docs/matchmaking.md). The lobby owns the queue entry; a room and its members'
-- placement are the matchmaker's, so for a player in a room this only appends the request.
-- The room key is built from ARGV[3] because its id is only known here; it shares the shard's hash
-- tag with KEYS, so the script stays on one cluster slot.
-- KEYS[1] player:{id}   KEYS[2] players_queue   KEYS[3] lobby:joins
-- ARGV[1] player id  ARGV[2] now (epoch ms)  ARGV[3] the shard's key prefix ('{arena}:', as RedisKeys builds it)
-- ARGV[4] mode: 'player' (DELETE /lobby/api/queue), 'grace' (a dropped socket's grace ran out),
--         'admin' (reset a stuck player, even in a match)
-- ARGV[5] for 'grace': the sid of the socket that dropped  ARGV[6] approximate max length of lobby:joins
-- Returns {'idle'} (nothing to do), {'online'} (grace: the player has another socket),
--         {'in_match', status, room, node} (the match started: leave it in the game),
--         {'left'} (out of the queue), or {'leaving', room, status} (the matchmaker was asked to take the
--         player out of that room; it answers with a queue.status notice to the player).
local player, queue, joins = KEYS[1], KEYS[2], KEYS[3]
local id, now, prefix, mode = ARGV[1], ARGV[2], ARGV[3], ARGV[4]

local current = redis.call('HMGET', player, 'status', 'room', 'node', 'sid')
local status, room, node, sid = current[1], current[2], current[3], current[4]

-- Another lobby socket of this player re-marked the hash since this one dropped: keep them.
if mode == 'grace' and sid and sid ~= ARGV[5] then
  return {'online'}
end

local function event(type, named_room)
  if named_room then
    redis.call('XADD', joins, 'MAXLEN', '~', ARGV[6], '*', 'type', type, 'player', id, 'at', now, 'room', named_room)
  else
    redis.call('XADD', joins, 'MAXLEN', '~', ARGV[6], '*', 'type', type, 'player', id, 'at', now)
  end
end

if not status then
  -- Idle; a queue entry without a status is a leftover of an expired hash: drop it too.
  if redis.call('ZREM', queue, id) == 1 then
    event('leave')
    return {'left'}
  end
  if mode == 'admin' and redis.call('EXISTS', player) == 1 then
    redis.call('DEL', player)
    return {'left'}
  end
  return {'idle'}
end

if status == 'queued' then
  redis.call('ZREM', queue, id)
  redis.call('DEL', player)
  event('leave')
  return {'left'}
end

-- in_room or in_game: the room is the matchmaker's.
local state = room and redis.call('HGET', prefix .. 'room:' .. room, 'state') or nil
local open = state == 'waiting' or state == 'countdown'
if mode == 'admin' then
  event('reset', room or '')
  return {'leaving', room or '', status}
end
if state and not open then
  return {'in_match', status, room or '', node or ''}
end
event('leave', room or '')
return {'leaving', room or '', status}

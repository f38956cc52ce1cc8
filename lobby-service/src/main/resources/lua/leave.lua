-- Takes a player out of the queue or out of a room that has not started, in one atomic step
-- (docs/matchmaking.md). Room and member keys are built from ARGV[3] because their ids are only
-- known here; they share the shard's hash tag with KEYS, so the script stays on one cluster slot.
-- KEYS[1] player:{id}   KEYS[2] players_queue   KEYS[3] lobby:joins   KEYS[4] rooms:available
-- ARGV[1] player id  ARGV[2] now (epoch ms)  ARGV[3] the shard's key prefix ('{arena}:', as RedisKeys builds it)
-- ARGV[4] mode: 'player' (DELETE /lobby/api/queue), 'grace' (a dropped socket's grace ran out),
--         'admin' (reset a stuck player, even in a match)
-- ARGV[5] for 'grace': the sid of the socket that dropped  ARGV[6] minimum players of a countdown
-- ARGV[7] approximate max length of lobby:joins
-- Returns {'idle'} (nothing to do), {'online'} (grace: the player has another socket),
--         {'in_match', status, room, node}, {'left'} (out of the queue),
--         {'left_room', room, state, countdown_deadline or '', id1, name1, colors1, id2, ...}
--         (the room after the player left, with its remaining members), or
--         {'left_room_gone', room} (the room is gone, emptied or started: nobody to tell from here).
local player, queue, joins, available = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local id, now, prefix, mode = ARGV[1], ARGV[2], ARGV[3], ARGV[4]

local current = redis.call('HMGET', player, 'status', 'room', 'node', 'sid')
local status, room, node, sid = current[1], current[2], current[3], current[4]

-- Another lobby socket of this player re-marked the hash since this one dropped: keep them.
if mode == 'grace' and sid and sid ~= ARGV[5] then
  return {'online'}
end

-- A leave from a room that has not started names it: the matchmaker tells its remaining members.
local function leaveEvent(leftRoom)
  if leftRoom then
    redis.call('XADD', joins, 'MAXLEN', '~', ARGV[7], '*', 'type', 'leave', 'player', id, 'at', now, 'room', leftRoom)
  else
    redis.call('XADD', joins, 'MAXLEN', '~', ARGV[7], '*', 'type', 'leave', 'player', id, 'at', now)
  end
end

if not status then
  -- Idle; a queue entry without a status is a leftover of an expired hash: drop it too.
  if redis.call('ZREM', queue, id) == 1 then
    leaveEvent()
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
  leaveEvent()
  return {'left'}
end

-- in_room or in_game
local roomKey = room and (prefix .. 'room:' .. room) or nil
local state = roomKey and redis.call('HGET', roomKey, 'state') or nil
local open = state == 'waiting' or state == 'countdown'
if not open and mode ~= 'admin' and state then
  return {'in_match', status, room or '', node or ''}
end

redis.call('ZREM', queue, id)
redis.call('DEL', player)
leaveEvent(open and room or nil)
if not roomKey then
  return {'left'}
end
local members = roomKey .. ':players'
redis.call('SREM', members, id)
if not open then
  return {'left_room_gone', room}
end

local count = redis.call('SCARD', members)
if count == 0 then
  -- Nobody left to wait for: an empty room must not be offered to the next player as "fullest".
  redis.call('ZREM', available, room)
  redis.call('DEL', roomKey, members, roomKey .. ':expiry')
  return {'left_room_gone', room}
end
redis.call('ZADD', available, count, room)
if state == 'countdown' and count < tonumber(ARGV[6]) then
  state = 'waiting'
  redis.call('HSET', roomKey, 'state', 'waiting')
  redis.call('HDEL', roomKey, 'countdown_deadline')
  redis.call('DEL', roomKey .. ':expiry')
end
local result = {'left_room', room, state, redis.call('HGET', roomKey, 'countdown_deadline') or ''}
append_members(result, prefix, redis.call('SMEMBERS', members))
return result

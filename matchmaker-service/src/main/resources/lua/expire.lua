-- Decides a room whose wait or countdown deadline passed ('due'), or dissolves it on an
-- operator's request ('dissolve'). Dissolving re-queues each member at their original enqueue
-- time with a new join event, so nobody loses their place. A room granted to a node that did not
-- report it running by its start deadline is dissolved too (the node is dead or overwhelmed; if
-- it takes the handoff later, its lease claim finds the room gone).
-- KEYS[1] players_queue, KEYS[2] rooms:available, KEYS[3] rooms:deadlines, KEYS[4] lobby:joins,
-- KEYS[5] game:nodes
-- ARGV[1] key prefix, ARGV[2] room id, ARGV[3] 'due' or 'dissolve', ARGV[4] min players,
-- ARGV[5] wait timeout ms
-- Returns {'gone'} | {'not_due'} | {'start'} | {'busy', state} | {'dissolved', member ids...}.
local prefix, room, mode = ARGV[1], ARGV[2], ARGV[3]
local minp, wait = tonumber(ARGV[4]), tonumber(ARGV[5])
local roomKey = prefix .. 'room:' .. room
local playersKey = roomKey .. ':players'
local now = now_ms()

local state = redis.call('HGET', roomKey, 'state')
if not state then
  redis.call('DEL', playersKey, roomKey .. ':expiry')
  redis.call('ZREM', KEYS[2], room)
  redis.call('ZREM', KEYS[3], room)
  return {'gone'}
end

if mode == 'due' then
  local count = redis.call('SCARD', playersKey)
  if state == 'countdown' then
    local deadline = tonumber(redis.call('HGET', roomKey, 'countdown_deadline')) or 0
    if now < deadline then
      redis.call('ZADD', KEYS[3], deadline, room)
      return {'not_due'}
    end
    if count >= minp then
      return {'start'}
    end
  elseif state == 'waiting' then
    if count >= minp then
      return {'start'}
    end
    -- a countdown cancelled by a leave (leave.lua) leaves an earlier deadline behind:
    -- the wait is measured from the room's creation
    local due = (tonumber(redis.call('HGET', roomKey, 'created')) or 0) + wait
    if now < due then
      redis.call('ZADD', KEYS[3], due, room)
      redis.call('SET', roomKey .. ':expiry', '1', 'PX', due - now)
      return {'not_due'}
    end
  elseif state == 'starting' then
    local deadline = tonumber(redis.call('ZSCORE', KEYS[3], room))
    if deadline and now < deadline then
      return {'not_due'}
    end
  else
    return {'busy', state}
  end
end

local result = {'dissolved'}
local members = redis.call('SMEMBERS', playersKey)
if state == 'starting' or state == 'running' then
  local node = redis.call('HGET', roomKey, 'node')
  release_load(KEYS[5], node, #members)
  ungrant(prefix, node, room)
end
for _, member in ipairs(members) do
  local playerKey = prefix .. 'player:' .. member
  local info = redis.call('HMGET', playerKey, 'room', 'joined_timestamp')
  if info[1] == room then
    redis.call('ZADD', KEYS[1], tonumber(info[2]) or now, member)
    redis.call('HSET', playerKey, 'status', 'queued')
    redis.call('HDEL', playerKey, 'room', 'node')
    redis.call('XADD', KEYS[4], '*', 'type', 'join', 'player', member, 'at', now)
    result[#result + 1] = member
  end
end
redis.call('DEL', roomKey, playersKey, roomKey .. ':expiry')
redis.call('ZREM', KEYS[2], room)
redis.call('ZREM', KEYS[3], room)
return result

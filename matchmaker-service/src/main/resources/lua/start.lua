-- Starts a room: the move from waiting/countdown to starting is the per-room lock, so only one
-- caller (of any matchmaker) wins. Grants the room to the least-loaded live game node with room to
-- spare: its load (players granted and not ended) plus the room's members within the capacity its
-- heartbeat states. The grant carries everything the node needs (roster with names and colors) and
-- a new epoch. The node has until the start deadline to report the room running. The room joins
-- the node's granted set, where a takeover (takeover.lua) finds it if the node dies.
-- KEYS[1] game:nodes, KEYS[2] rooms:available, KEYS[3] rooms:deadlines
-- ARGV[1] key prefix, ARGV[2] room id, ARGV[3] min players, ARGV[4] start timeout ms,
-- ARGV[5] max length of a node's rooms stream, ARGV[6] arrival timeout ms (the node's arrival window)
-- Returns {'gone'} | {'lost', state} | {'too_few', state} |
-- {'no_node', state, deadline or '', then id, name, colors of each member} |
-- {'started', node, then each member id}.
local prefix, room = ARGV[1], ARGV[2]
local minp, startTimeout = tonumber(ARGV[3]), tonumber(ARGV[4])
local roomKey = prefix .. 'room:' .. room
local playersKey = roomKey .. ':players'

local state = redis.call('HGET', roomKey, 'state')
if not state then
  return {'gone'}
end
if state ~= 'waiting' and state ~= 'countdown' then
  return {'lost', state}
end
local members = redis.call('SMEMBERS', playersKey)
if #members < minp then
  return {'too_few', state}
end

local node = pick_node(KEYS[1], prefix, #members)
if not node then
  local result = {'no_node', state, redis.call('HGET', roomKey, 'countdown_deadline') or ''}
  append_members(result, prefix, members)
  return result
end

local now = now_ms()
redis.call('ZINCRBY', KEYS[1], #members, node)
local epoch = redis.call('HINCRBY', roomKey, 'epoch', 1)
redis.call('HSET', roomKey, 'state', 'starting', 'node', node)
redis.call('HDEL', roomKey, 'countdown_deadline', 'running_at')
local roster = grant_members(prefix, room, members, node)
grant(prefix, node, room)
redis.call('ZREM', KEYS[2], room)
redis.call('DEL', roomKey .. ':expiry')
redis.call('XADD', prefix .. 'game:node:' .. node .. ':rooms', 'MAXLEN', '~', ARGV[5], '*',
  'room', room, 'epoch', epoch, 'at', now, 'resume', '0', 'arrival_ms', ARGV[6], 'roster', cjson.encode({members = roster}))
-- a node that has not reported the room running by then never will: the room is dissolved (expire.lua)
redis.call('ZADD', KEYS[3], now + startTimeout, room)

local result = {'started', node}
for _, member in ipairs(members) do
  result[#result + 1] = member
end
return result

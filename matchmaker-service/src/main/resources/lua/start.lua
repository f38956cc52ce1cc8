-- Starts a room: the move from waiting/countdown to starting is the per-room lock, so only one
-- caller (of any matchmaker) wins. Picks the least-loaded game node whose heartbeat is alive.
-- KEYS[1] game:nodes, KEYS[2] rooms:available, KEYS[3] rooms:deadlines
-- ARGV[1] key prefix, ARGV[2] room id, ARGV[3] min players, ARGV[4] arrival timeout ms,
-- ARGV[5] max length of a node's rooms stream
-- Returns {'gone'} | {'lost', state} | {'too_few', state} |
-- {'no_node', state, deadline or '', then id, name, colors of each member} |
-- {'started', node, then each member id}.
local prefix, room = ARGV[1], ARGV[2]
local minp, arrival = tonumber(ARGV[3]), tonumber(ARGV[4])
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

local node
for _, candidate in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
  if redis.call('EXISTS', prefix .. 'game:node:' .. candidate .. ':heartbeat') == 1 then
    node = candidate
    break
  end
end
if not node then
  local result = {'no_node', state, redis.call('HGET', roomKey, 'countdown_deadline') or ''}
  append_members(result, prefix, members)
  return result
end

local now = now_ms()
-- provisional load until the node reports its own count with the next heartbeat
redis.call('ZINCRBY', KEYS[1], #members, node)
redis.call('HSET', roomKey, 'state', 'starting', 'node', node)
redis.call('HDEL', roomKey, 'countdown_deadline')
for _, member in ipairs(members) do
  local playerKey = prefix .. 'player:' .. member
  if redis.call('HGET', playerKey, 'room') == room then
    redis.call('HSET', playerKey, 'node', node)
  end
end
redis.call('ZREM', KEYS[2], room)
redis.call('DEL', roomKey .. ':expiry')
redis.call('XADD', prefix .. 'game:node:' .. node .. ':rooms', 'MAXLEN', '~', ARGV[5], '*',
  'room', room, 'players', table.concat(members, ','), 'at', now)
-- members who do not reach the node by then are dropped (arrival.lua)
redis.call('ZADD', KEYS[3], now + arrival, room)

local result = {'started', node}
for _, member in ipairs(members) do
  result[#result + 1] = member
end
return result

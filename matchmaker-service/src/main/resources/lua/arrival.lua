-- After the arrival deadline of a running room (counted from the node's report that it runs):
-- members not in_game are dropped (their record is deleted, so they are idle); the room goes on
-- with at least the minimum, or goes back to waiting with the arrived members (the node sees the
-- state change and closes its copy). The node's load loses the players it no longer has.
-- KEYS[1] rooms:available, KEYS[2] rooms:deadlines, KEYS[3] game:nodes
-- ARGV[1] key prefix, ARGV[2] room id, ARGV[3] min players, ARGV[4] wait timeout ms
-- Returns {'gone'} | {'not_due'} | {'skip', state} |
-- {'continued' or 'reverted', node, number of dropped, dropped ids..., then id, name, colors of
-- each remaining member}.
local prefix, room = ARGV[1], ARGV[2]
local minp, wait = tonumber(ARGV[3]), tonumber(ARGV[4])
local roomKey = prefix .. 'room:' .. room
local playersKey = roomKey .. ':players'
local now = now_ms()

local state = redis.call('HGET', roomKey, 'state')
if not state then
  redis.call('ZREM', KEYS[2], room)
  return {'gone'}
end
if state ~= 'running' then
  return {'skip', state}
end
local deadline = tonumber(redis.call('ZSCORE', KEYS[2], room))
if deadline and now < deadline then
  return {'not_due'}
end

local node = redis.call('HGET', roomKey, 'node') or ''
local dropped, arrived = {}, {}
for _, member in ipairs(redis.call('SMEMBERS', playersKey)) do
  local playerKey = prefix .. 'player:' .. member
  local info = redis.call('HMGET', playerKey, 'status', 'room')
  if info[1] == 'in_game' and info[2] == room then
    arrived[#arrived + 1] = member
  else
    redis.call('SREM', playersKey, member)
    if info[2] == room then
      redis.call('DEL', playerKey)
    end
    dropped[#dropped + 1] = member
  end
end

local outcome = 'continued'
if #arrived >= minp then
  redis.call('ZREM', KEYS[2], room)
  release_load(KEYS[3], node, #dropped)
else
  outcome = 'reverted'
  release_load(KEYS[3], node, #dropped + #arrived)
  redis.call('HSET', roomKey, 'state', 'waiting')
  redis.call('HDEL', roomKey, 'node', 'countdown_deadline', 'running_at')
  for _, member in ipairs(arrived) do
    local playerKey = prefix .. 'player:' .. member
    redis.call('HSET', playerKey, 'status', 'in_room')
    redis.call('HDEL', playerKey, 'node')
  end
  redis.call('ZADD', KEYS[1], #arrived, room)
  redis.call('ZADD', KEYS[2], now + wait, room)
  redis.call('SET', roomKey .. ':expiry', '1', 'PX', wait)
end

local result = {outcome, node, tostring(#dropped)}
for _, member in ipairs(dropped) do
  result[#result + 1] = member
end
append_members(result, prefix, arrived)
return result

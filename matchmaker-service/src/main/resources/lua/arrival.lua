-- Settles who of a running room's members reached the game: the others are dropped (their record
-- is deleted, so they are idle); the room goes on with at least the minimum, or goes back to
-- waiting with the arrived members (the node sees the state change and closes its copy). The
-- node's load loses the players it no longer has. Once per grant: a room no longer in
-- rooms:deadlines was settled already.
--   'reported': the node's settled report names who arrived (it counts its arrival window from
--               when it ran the room, so a slow node's players are not dropped for its delay);
--               only while the room is granted to that node with that epoch.
--   'deadline': the matchmaker's fallback for a node that never reported: while the node's
--               heartbeat lives it waits another arrival window; once it is gone, the members'
--               in_game statuses decide.
-- KEYS[1] rooms:available, KEYS[2] rooms:deadlines, KEYS[3] game:nodes
-- ARGV[1] key prefix, ARGV[2] room id, ARGV[3] min players, ARGV[4] wait timeout ms, ARGV[5] mode,
-- for 'deadline': ARGV[6] arrival timeout ms; for 'reported': ARGV[6] node, ARGV[7] epoch, then the arrived ids.
-- Returns {'gone'} | {'not_due'} | {'skip', state} |
-- {'continued' or 'reverted', node, number of dropped, dropped ids..., then id, name, colors of
-- each remaining member}.
local prefix, room, mode = ARGV[1], ARGV[2], ARGV[5]
local minp, wait = tonumber(ARGV[3]), tonumber(ARGV[4])
local roomKey = prefix .. 'room:' .. room
local playersKey = roomKey .. ':players'
local now = now_ms()

local info = redis.call('HMGET', roomKey, 'state', 'node', 'epoch')
local state, node = info[1], info[2] or ''
if not state then
  redis.call('ZREM', KEYS[2], room)
  return {'gone'}
end
local deadline = tonumber(redis.call('ZSCORE', KEYS[2], room))

local reported = {}
if mode == 'reported' then
  if (state ~= 'running' and state ~= 'starting') or node ~= ARGV[6] or info[3] ~= ARGV[7] or not deadline then
    return {'skip', state}
  end
  if state == 'starting' then
    -- the settled report overtook the running one: it proves the room runs
    redis.call('HSET', roomKey, 'state', 'running', 'running_at', now)
  end
  for i = 8, #ARGV do
    reported[ARGV[i]] = true
  end
else
  if state ~= 'running' then
    return {'skip', state}
  end
  if deadline and now < deadline then
    return {'not_due'}
  end
  if redis.call('EXISTS', prefix .. 'game:node:' .. node .. ':heartbeat') == 1 then
    redis.call('ZADD', KEYS[2], now + tonumber(ARGV[6]), room)
    return {'not_due'}
  end
end

local dropped, arrived = {}, {}
for _, member in ipairs(redis.call('SMEMBERS', playersKey)) do
  local playerKey = prefix .. 'player:' .. member
  local player = redis.call('HMGET', playerKey, 'status', 'room')
  local came
  if mode == 'reported' then
    came = reported[member] and player[2] == room
  else
    came = player[1] == 'in_game' and player[2] == room
  end
  if came then
    arrived[#arrived + 1] = member
    if player[1] ~= 'in_game' then
      redis.call('HSET', playerKey, 'status', 'in_game')
    end
  else
    redis.call('SREM', playersKey, member)
    if player[2] == room then
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
  ungrant(prefix, node, room)
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

-- Applies what game nodes reported about their rooms on the game:events stream, a batch
-- per call, in stream order. A report counts only while the room is still granted to the reporting
-- node with the reported epoch; anything else (a room reverted, dissolved or granted again since)
-- is stale and changes nothing.
--   running: starting -> running; the room's keys live until the match is surely over. The node
--            settles the arrivals itself (arrival.lua, 'reported'); the matchmaker's own deadline
--            is a fallback for a node that dies before it does.
--   arrived: the member's status becomes in_game.
--   ended:   the room and its members' placements are deleted (the players are idle again) and
--            the node's load is given back.
-- KEYS[1] rooms:deadlines, KEYS[2] game:nodes, KEYS[3] rooms:available
-- ARGV[1] key prefix, ARGV[2] fallback arrival deadline ms (from now), ARGV[3] room ttl ms, ARGV[4] player ttl ms,
-- then five per report: type, room, node, epoch, and the player (arrived) or when the match ends (running).
-- Returns one outcome per report: 'applied' or 'stale'.
local prefix = ARGV[1]
local fallback, roomTtl, playerTtl = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local now = now_ms()
local result = {}

-- The room's hash key and state when it is granted to node with epoch; nil otherwise.
local function granted(room, node, epoch)
  local roomKey = prefix .. 'room:' .. room
  local info = redis.call('HMGET', roomKey, 'state', 'node', 'epoch')
  if (info[1] == 'starting' or info[1] == 'running') and info[2] == node and info[3] == epoch then
    return roomKey, info[1]
  end
  return nil
end

local function running(roomKey, state, room, endsAt)
  if state == 'starting' then
    redis.call('HSET', roomKey, 'state', 'running', 'running_at', now)
    redis.call('ZADD', KEYS[1], now + fallback, room)
  end
  local life = math.max(0, endsAt - now) + roomTtl
  redis.call('PEXPIRE', roomKey, life)
  redis.call('PEXPIRE', roomKey .. ':players', life)
end

local function arrived(room, player)
  local playerKey = prefix .. 'player:' .. player
  if redis.call('HGET', playerKey, 'room') ~= room then
    return false
  end
  redis.call('HSET', playerKey, 'status', 'in_game')
  redis.call('PEXPIRE', playerKey, playerTtl)
  return true
end

local function ended(roomKey, room, node)
  local playersKey = roomKey .. ':players'
  local members = redis.call('SMEMBERS', playersKey)
  for _, member in ipairs(members) do
    local playerKey = prefix .. 'player:' .. member
    if redis.call('HGET', playerKey, 'room') == room then
      redis.call('DEL', playerKey)
    end
  end
  redis.call('DEL', roomKey, playersKey, roomKey .. ':expiry')
  redis.call('ZREM', KEYS[1], room)
  redis.call('ZREM', KEYS[3], room)
  release_load(KEYS[2], node, #members)
  ungrant(prefix, node, room)
end

for i = 5, #ARGV, 5 do
  local kind, room, node, epoch, extra = ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3], ARGV[i + 4]
  local roomKey, state = granted(room, node, epoch)
  local outcome = 'stale'
  if roomKey then
    if kind == 'running' then
      running(roomKey, state, room, tonumber(extra) or now)
      outcome = 'applied'
    elseif kind == 'arrived' then
      if arrived(room, extra) then
        outcome = 'applied'
      end
    elseif kind == 'ended' then
      ended(roomKey, room, node)
      outcome = 'applied'
    end
  end
  result[#result + 1] = outcome
end
return result

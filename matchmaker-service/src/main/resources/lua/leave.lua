-- Takes players out of their rooms as the lobby asked (its leave and reset events), each in the
-- same atomic step as if alone (docs/matchmaking.md): a leave takes a player out of a room that
-- has not started; an operator's reset out of any room, even a running one. A room left empty is
-- deleted; a countdown that falls below the minimum goes back to waiting. A player the lobby
-- placed back in the queue meanwhile (their room was dissolved) leaves the queue instead.
-- KEYS[1] rooms:available, KEYS[2] players_queue, KEYS[3] rooms:deadlines, KEYS[4] game:nodes
-- ARGV[1] key prefix ("{arena}:"), ARGV[2] min players,
-- then per request i (from 0): ARGV[3 + 2i] player id, ARGV[4 + 2i] 'leave' or 'reset'.
-- Returns {n, then per request: the player's status after it ('idle' once out, else where they
-- still are: 'in_room' in a starting room, 'in_game'), then per changed room that still has
-- members: room, state, countdown deadline or '', member count m, then id, name, colors of its m members}.
local available, queue, deadlines, nodes = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local prefix, minp = ARGV[1], tonumber(ARGV[2])

local changed, seen = {}, {}

local function out_of_room(pid, room, reset)
  local roomKey = prefix .. 'room:' .. room
  local playersKey = roomKey .. ':players'
  local info = redis.call('HMGET', roomKey, 'state', 'node')
  local state, node = info[1], info[2]
  local open = state == 'waiting' or state == 'countdown'
  if state and not open and not reset then
    return false
  end
  if redis.call('SREM', playersKey, pid) == 0 or not state then
    return true
  end
  if not open then
    -- a reset member of a started room: the node's share of the load goes with them
    release_load(nodes, node, 1)
    return true
  end
  local count = redis.call('SCARD', playersKey)
  if count == 0 then
    -- nobody left to wait for: an empty room must not be offered to the next player as "fullest"
    redis.call('ZREM', available, room)
    redis.call('ZREM', deadlines, room)
    redis.call('DEL', roomKey, playersKey, roomKey .. ':expiry')
    seen[room] = nil
    return true
  end
  redis.call('ZADD', available, count, room)
  if state == 'countdown' and count < minp then
    redis.call('HSET', roomKey, 'state', 'waiting')
    redis.call('HDEL', roomKey, 'countdown_deadline')
    -- its countdown deadline stays in rooms:deadlines: expire.lua then measures the wait from the room's creation
    redis.call('DEL', roomKey .. ':expiry')
  end
  if seen[room] == nil then
    changed[#changed + 1] = room
  end
  seen[room] = true
  return true
end

local n = (#ARGV - 2) / 2
local result = {tostring(n)}
for i = 0, n - 1 do
  local pid, mode = ARGV[3 + 2 * i], ARGV[4 + 2 * i]
  local playerKey = prefix .. 'player:' .. pid
  local current = redis.call('HMGET', playerKey, 'status', 'room')
  local status, room = current[1], current[2]
  local out = true
  if status == 'queued' then
    redis.call('ZREM', queue, pid)
  elseif room then
    out = out_of_room(pid, room, mode == 'reset')
  end
  if out then
    redis.call('DEL', playerKey)
    result[#result + 1] = 'idle'
  else
    result[#result + 1] = status
  end
end

for _, room in ipairs(changed) do
  if seen[room] then
    local roomKey = prefix .. 'room:' .. room
    local info = redis.call('HMGET', roomKey, 'state', 'countdown_deadline')
    local members = redis.call('SMEMBERS', roomKey .. ':players')
    result[#result + 1] = room
    result[#result + 1] = info[1]
    result[#result + 1] = info[1] == 'countdown' and (info[2] or '') or ''
    result[#result + 1] = tostring(#members)
    append_members(result, prefix, members)
  end
end
return result

-- Places queued players, in the order given (the stream's: first queued, first placed), each in
-- the fullest open room (ties: the oldest; room ids sort by creation time) or in a new room, and
-- moves a room that reaches the minimum into its countdown. Each player's placement is the same
-- atomic step as if alone; a batch per call shares the call's cost and reads each changed room's
-- members once, at the end, instead of once per placement.
-- KEYS[1] players_queue, KEYS[2] rooms:available, KEYS[3] rooms:deadlines
-- ARGV[1] key prefix ("{arena}:"), ARGV[2] min players, ARGV[3] max players, ARGV[4] countdown ms,
-- ARGV[5] wait timeout ms, ARGV[6] room ttl ms,
-- then per player i (from 0): ARGV[7 + 2i] player id, ARGV[8 + 2i] id for a room the player would open.
-- Returns {n, then per player: room and member count after the placement ('' and '0': no longer
-- queued), then per changed room as the batch left it: room, state, countdown deadline or '',
-- member count m, then id, name, colors of its m members}.
local prefix = ARGV[1]
local minp, maxp = tonumber(ARGV[2]), tonumber(ARGV[3])
local countdown, wait, ttl = tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6])
local queue, available, deadlines = KEYS[1], KEYS[2], KEYS[3]
local now = now_ms()

-- Whether the player is still queued; drops a ghost (a queue entry whose record expired: they went offline).
local function still_queued(pid)
  if not redis.call('ZSCORE', queue, pid) then
    return false
  end
  local status = redis.call('HGET', prefix .. 'player:' .. pid, 'status')
  if not status then
    redis.call('ZREM', queue, pid)
  end
  return status == 'queued'
end

-- The fullest room below the maximum and its state; among equal counts the smallest id, i.e. the
-- oldest. Drops entries that are no longer open (expired, started, full). The third value says
-- whether every open room was looked at (false when it gave up after 16 stale entries).
local function fullest_open_room()
  for _ = 1, 16 do
    local top = redis.call('ZREVRANGEBYSCORE', available, '(' .. maxp, '-inf', 'WITHSCORES', 'LIMIT', 0, 1)
    if #top == 0 then
      return nil, nil, true
    end
    local candidate = redis.call('ZRANGEBYSCORE', available, top[2], top[2], 'LIMIT', 0, 1)[1]
    local roomKey = prefix .. 'room:' .. candidate
    local state = redis.call('HGET', roomKey, 'state')
    if (state == 'waiting' or state == 'countdown') and redis.call('SCARD', roomKey .. ':players') < maxp then
      return candidate, state, true
    end
    redis.call('ZREM', available, candidate)
  end
  return nil, nil, false
end

local function open_room(room)
  local key = prefix .. 'room:' .. room
  redis.call('HSET', key, 'state', 'waiting', 'created', now)
  redis.call('PEXPIRE', key, ttl)
  -- a room that never fills up is dissolved after the wait timeout, so its members can go elsewhere
  redis.call('SET', key .. ':expiry', '1', 'PX', wait)
  redis.call('ZADD', deadlines, now + wait, room)
end

local n = (#ARGV - 6) / 2
local result = {tostring(n)}
local changed, states = {}, {}
-- The room the previous player went to while it stays the fullest open one: after a placement it
-- is (its count only grew), so the next player need not search again.
local current, currentState

for i = 0, n - 1 do
  local pid = ARGV[7 + 2 * i]
  if not still_queued(pid) then
    result[#result + 1] = ''
    result[#result + 1] = '0'
  else
    local room, state = current, currentState
    local searchedAll = true
    if not room then
      room, state, searchedAll = fullest_open_room()
    end
    local created = false
    if not room then
      room, state, created = ARGV[8 + 2 * i], 'waiting', true
      open_room(room)
    end
    local roomKey = prefix .. 'room:' .. room
    local playersKey = roomKey .. ':players'
    redis.call('SADD', playersKey, pid)
    if created then
      redis.call('PEXPIRE', playersKey, ttl)
    end
    local count = redis.call('SCARD', playersKey)
    if count >= maxp then
      redis.call('ZREM', available, room)
    else
      redis.call('ZADD', available, count, room)
    end
    redis.call('HSET', prefix .. 'player:' .. pid, 'status', 'in_room', 'room', room)
    redis.call('ZREM', queue, pid)

    if state == 'waiting' and count >= minp then
      state = 'countdown'
      local deadline = now + countdown
      redis.call('HSET', roomKey, 'state', 'countdown', 'countdown_deadline', deadline)
      redis.call('SET', roomKey .. ':expiry', '1', 'PX', countdown)
      redis.call('ZADD', deadlines, deadline, room)
    end
    if not states[room] then
      changed[#changed + 1] = room
    end
    states[room] = state
    if count < maxp and searchedAll then
      current, currentState = room, state
    else
      current, currentState = nil, nil
    end
    result[#result + 1] = room
    result[#result + 1] = tostring(count)
  end
end

for _, room in ipairs(changed) do
  local roomKey = prefix .. 'room:' .. room
  local members = redis.call('SMEMBERS', roomKey .. ':players')
  local deadline = ''
  if states[room] == 'countdown' then
    deadline = redis.call('HGET', roomKey, 'countdown_deadline') or ''
  end
  result[#result + 1] = room
  result[#result + 1] = states[room]
  result[#result + 1] = deadline
  result[#result + 1] = tostring(#members)
  append_members(result, prefix, members)
end
return result

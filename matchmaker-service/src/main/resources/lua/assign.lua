-- Places queued players in stream order (first queued, first placed), each in the fullest open
-- room (ties: the oldest; room ids sort by creation time) or in a new room, and moves a room that
-- reaches the minimum into its countdown. Each player's placement is the same atomic step as if
-- alone; a batch per call shares the call's cost and reads each changed room's members once, at
-- the end, instead of once per placement.
-- The players come either from the arguments or straight from lobby:joins: then the call reads
-- the group's new entries, places the joins, collects the rooms of the leaves and acknowledges
-- them all, so the join consumer needs one round trip per batch instead of three.
-- KEYS[1] players_queue, KEYS[2] rooms:available, KEYS[3] rooms:deadlines, KEYS[4] lobby:joins
-- ARGV[1] key prefix ("{arena}:"), ARGV[2] min players, ARGV[3] max players, ARGV[4] countdown ms,
-- ARGV[5] wait timeout ms, ARGV[6] room ttl ms, ARGV[7] where the players come from:
--   'players': then per player ARGV[8 + 2i] player id, ARGV[9 + 2i] id for a room they would open;
--   'stream': ARGV[8] consumer group, ARGV[9] consumer, ARGV[10] entries to read at most,
--             ARGV[11] prefix of the ids of rooms it opens (the call appends a 3-digit counter).
-- Returns {j joins, l left rooms, entries read from the stream, id of the stream's last entry ('' unless
-- the stream had nothing new: the id to wait for entries after),
-- then per join: player, enqueue time ('' in 'players' mode), room and member count after the
-- placement ('' and '0': no longer queued), then the l rooms players left, then per changed room as
-- the call left it: room, state, countdown deadline or '', member count m, then id, name, colors of
-- its m members}.
local prefix = ARGV[1]
local minp, maxp = tonumber(ARGV[2]), tonumber(ARGV[3])
local countdown, wait, ttl = tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6])
local queue, available, deadlines, joins = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
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

local changed, states = {}, {}
-- The room the previous player went to while it stays the fullest open one: after a placement it
-- is (its count only grew), so the next player need not search again.
local current, currentState

-- Places one player; returns their room and its member count then, or nil when no longer queued.
local function place(pid, newRoom)
  if not still_queued(pid) then
    return nil
  end
  local room, state = current, currentState
  local searchedAll = true
  if not room then
    room, state, searchedAll = fullest_open_room()
  end
  local created = false
  if not room then
    room, state, created = newRoom, 'waiting', true
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
  return room, count
end

local placements, left, read, lastId = {}, {}, 0, ''
local function placed(pid, at, newRoom)
  local room, count = place(pid, newRoom)
  placements[#placements + 1] = pid
  placements[#placements + 1] = at
  placements[#placements + 1] = room or ''
  placements[#placements + 1] = tostring(count or 0)
end

if ARGV[7] == 'players' then
  for i = 8, #ARGV - 1, 2 do
    placed(ARGV[i], '', ARGV[i + 1])
  end
else
  local entries = redis.call('XREADGROUP', 'GROUP', ARGV[8], ARGV[9], 'COUNT', ARGV[10], 'STREAMS', joins, '>')
  if not entries then
    local last = redis.call('XREVRANGE', joins, '+', '-', 'COUNT', 1)[1]
    lastId = last and last[1] or '0-0'
  else
    local ids, leftSeen, opened = {}, {}, 0
    read = #entries[1][2]
    for _, entry in ipairs(entries[1][2]) do
      ids[#ids + 1] = entry[1]
      local fields = {}
      for f = 1, #entry[2], 2 do
        fields[entry[2][f]] = entry[2][f + 1]
      end
      if fields.type == 'join' and fields.player and fields.at then
        opened = opened + 1
        placed(fields.player, fields.at, string.format('%s-%03d', ARGV[11], opened))
      elseif fields.type == 'leave' and fields.room then
        if not leftSeen[fields.room] then
          leftSeen[fields.room] = true
          left[#left + 1] = fields.room
        end
      elseif fields.type ~= 'leave' then
        redis.log(redis.LOG_WARNING, 'assign.lua: skipped unreadable join entry ' .. entry[1])
      end
    end
    redis.call('XACK', joins, ARGV[8], unpack(ids))
  end
end

local result = {tostring(#placements / 4), tostring(#left), tostring(read), lastId}
for _, value in ipairs(placements) do
  result[#result + 1] = value
end
for _, room in ipairs(left) do
  result[#result + 1] = room
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

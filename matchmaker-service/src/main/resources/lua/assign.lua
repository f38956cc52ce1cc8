-- Places one queued player in the fullest open room (ties: the oldest, room ids sort by
-- creation time) or in a new room; moves a room that reaches the minimum into its countdown.
-- KEYS[1] players_queue, KEYS[2] rooms:available, KEYS[3] rooms:deadlines
-- ARGV[1] key prefix ("{arena}:"), ARGV[2] player id, ARGV[3] id for a new room,
-- ARGV[4] min players, ARGV[5] max players, ARGV[6] countdown ms, ARGV[7] wait timeout ms,
-- ARGV[8] room ttl ms
-- Returns {'stale'} or {'assigned', room, state, countdown deadline or '', count,
-- then id, name, colors of each member}.
local prefix, pid = ARGV[1], ARGV[2]
local minp, maxp = tonumber(ARGV[4]), tonumber(ARGV[5])
local countdown, wait, ttl = tonumber(ARGV[6]), tonumber(ARGV[7]), tonumber(ARGV[8])
local now = now_ms()
local playerKey = prefix .. 'player:' .. pid

if not redis.call('ZSCORE', KEYS[1], pid) then
  return {'stale'}
end
local status = redis.call('HGET', playerKey, 'status')
if status ~= 'queued' then
  if not status then
    -- the player's record expired (they went offline): a ghost in the queue
    redis.call('ZREM', KEYS[1], pid)
  end
  return {'stale'}
end

-- The fullest room below the maximum; among equal counts the smallest id, i.e. the oldest.
local room, state
for _ = 1, 16 do
  local top = redis.call('ZREVRANGEBYSCORE', KEYS[2], '(' .. maxp, '-inf', 'WITHSCORES', 'LIMIT', 0, 1)
  if #top == 0 then break end
  local candidate = redis.call('ZRANGEBYSCORE', KEYS[2], top[2], top[2], 'LIMIT', 0, 1)[1]
  local s = redis.call('HGET', prefix .. 'room:' .. candidate, 'state')
  if (s == 'waiting' or s == 'countdown')
      and redis.call('SCARD', prefix .. 'room:' .. candidate .. ':players') < maxp then
    room, state = candidate, s
    break
  end
  -- expired, started or full: not open any more
  redis.call('ZREM', KEYS[2], candidate)
end

local created = false
if not room then
  room, state, created = ARGV[3], 'waiting', true
  local key = prefix .. 'room:' .. room
  redis.call('HSET', key, 'state', 'waiting', 'created', now)
  redis.call('PEXPIRE', key, ttl)
  -- a room that never fills up is dissolved after the wait timeout, so its members can go elsewhere
  redis.call('SET', key .. ':expiry', '1', 'PX', wait)
  redis.call('ZADD', KEYS[3], now + wait, room)
end

local roomKey = prefix .. 'room:' .. room
local playersKey = roomKey .. ':players'
redis.call('SADD', playersKey, pid)
if created then
  redis.call('PEXPIRE', playersKey, ttl)
end
local count = redis.call('SCARD', playersKey)
if count >= maxp then
  redis.call('ZREM', KEYS[2], room)
else
  redis.call('ZADD', KEYS[2], count, room)
end
redis.call('HSET', playerKey, 'status', 'in_room', 'room', room)
redis.call('ZREM', KEYS[1], pid)

local deadline = ''
if state == 'waiting' and count >= minp then
  state = 'countdown'
  deadline = now + countdown
  redis.call('HSET', roomKey, 'state', 'countdown', 'countdown_deadline', deadline)
  redis.call('SET', roomKey .. ':expiry', '1', 'PX', countdown)
  redis.call('ZADD', KEYS[3], deadline, room)
elseif state == 'countdown' then
  deadline = redis.call('HGET', roomKey, 'countdown_deadline') or ''
end

local result = {'assigned', room, state, tostring(deadline), tostring(count)}
append_members(result, prefix, redis.call('SMEMBERS', playersKey))
return result

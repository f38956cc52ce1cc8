-- Lists the rooms the matchmaker still has to act on (every room in rooms:deadlines: waiting,
-- countdown, starting, or running until its arrival check), oldest deadline first.
-- KEYS[1] rooms:deadlines; ARGV[1] key prefix, ARGV[2] limit.
-- Returns {id, state, member count, deadline, ...}; a room whose hash expired is left out.
local result = {}
local entries = redis.call('ZRANGE', KEYS[1], 0, tonumber(ARGV[2]) - 1, 'WITHSCORES')
for i = 1, #entries, 2 do
  local roomKey = ARGV[1] .. 'room:' .. entries[i]
  local state = redis.call('HGET', roomKey, 'state')
  if state then
    result[#result + 1] = entries[i]
    result[#result + 1] = state
    result[#result + 1] = tostring(redis.call('SCARD', roomKey .. ':players'))
    result[#result + 1] = entries[i + 1]
  end
end
return result

-- Lists a slice of the rooms the matchmaker still has to act on (every room in rooms:deadlines:
-- waiting, countdown, starting, or running until its arrival check), oldest deadline first.
-- A slice per call: a script holds Redis while it runs, and one over thousands of rooms would stall
-- every other client for ten milliseconds or more.
-- KEYS[1] rooms:deadlines; ARGV[1] key prefix, ARGV[2] offset, ARGV[3] slice length.
-- Returns {entries scanned, then id, state, member count, deadline of each room}; a room whose
-- hash expired is scanned but left out.
local entries = redis.call('ZRANGE', KEYS[1], tonumber(ARGV[2]), tonumber(ARGV[2]) + tonumber(ARGV[3]) - 1, 'WITHSCORES')
local result = {tostring(#entries / 2)}
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

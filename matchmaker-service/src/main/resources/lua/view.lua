-- Reads one room for a room.update or an operator: its hash, its members and their names.
-- KEYS[1] rooms:deadlines; ARGV[1] key prefix, ARGV[2] room id.
-- Returns {} for an unknown room, else {state, countdown deadline or '', node or '', created,
-- next deadline of the matchmaker or '', then id, name, colors of each member}.
local roomKey = ARGV[1] .. 'room:' .. ARGV[2]
local room = redis.call('HMGET', roomKey, 'state', 'countdown_deadline', 'node', 'created')
if not room[1] then
  return {}
end
local result = {room[1], room[2] or '', room[3] or '', room[4] or '', redis.call('ZSCORE', KEYS[1], ARGV[2]) or ''}
append_members(result, ARGV[1], redis.call('SMEMBERS', roomKey .. ':players'))
return result

-- Writes a room's snapshot unless one of a later grant is stored: a node that was only paused and
-- lost the room to a takeover must not overwrite the new owner's snapshot with its stale copy
-- before its next lease check tells it to let the room go. One key, so it runs on a cluster too.
-- KEYS[1] room:{id}:snapshot; ARGV[1] the epoch of the grant the writer runs the room under,
-- then field, value pairs. Returns 1 when written, 0 when a later grant's snapshot is there.
local stored = redis.call('HGET', KEYS[1], 'epoch')
if stored and tonumber(stored) > tonumber(ARGV[1]) then
  return 0
end
redis.call('HSET', KEYS[1], 'epoch', ARGV[1], unpack(ARGV, 2))
return 1

-- A game node gives up its lease on a room it no longer runs, unless another node holds it by now.
-- KEYS[1] room:{id}:lease; ARGV[1] node id. Returns 1 when released, else 0.
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0

-- Removes game nodes whose heartbeat key is gone from game:nodes, atomically, so a node that
-- re-announces itself at the same moment is never removed by mistake. A removed node that still
-- has rooms granted joins game:nodes:lost, whose rooms takeover.lua gives to live nodes.
-- KEYS[1] game:nodes, KEYS[2] game:nodes:lost; ARGV[1] key prefix. Returns {the removed node ids,
-- every lost node id}: the node check needs no second round trip to know whose rooms to move.
local removed = {}
for _, node in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
  if redis.call('EXISTS', ARGV[1] .. 'game:node:' .. node .. ':heartbeat') == 0 then
    redis.call('ZREM', KEYS[1], node)
    if redis.call('SCARD', ARGV[1] .. 'game:node:' .. node .. ':granted') > 0 then
      redis.call('SADD', KEYS[2], node)
    end
    removed[#removed + 1] = node
  end
end
return {removed, redis.call('SMEMBERS', KEYS[2])}

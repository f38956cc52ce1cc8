-- Removes game nodes whose heartbeat key is gone from game:nodes, atomically, so a node that
-- re-announces itself at the same moment is never removed by mistake.
-- KEYS[1] game:nodes; ARGV[1] key prefix. Returns the removed node ids.
local removed = {}
for _, node in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
  if redis.call('EXISTS', ARGV[1] .. 'game:node:' .. node .. ':heartbeat') == 0 then
    redis.call('ZREM', KEYS[1], node)
    removed[#removed + 1] = node
  end
end
return removed

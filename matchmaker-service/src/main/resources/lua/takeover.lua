-- Gives the rooms of a lost game node (its heartbeat lapsed: prune_nodes.lua) to live nodes with
-- room to spare. Each room keeps its state; the grant gets a new epoch, so the lost node, if it
-- was only paused, can no longer refresh its lease or report about the room (room_lease.lua,
-- node_events.lua), and the node's lease is revoked so the new owner can claim it at once. A
-- running room is handed with resume '1' (the new node restores the match from its last snapshot
-- and resumes its clock from 'at', when it first ran); a starting one starts afresh and gets a new
-- start deadline. Rooms no live node has room for stay granted to the lost node, which stays in
-- game:nodes:lost for the next sweep. A lost node that announces itself again keeps its rooms (it
-- restores them from its own handoff stream).
-- KEYS[1] game:nodes, KEYS[2] game:nodes:lost, KEYS[3] rooms:deadlines
-- ARGV[1] key prefix, ARGV[2] lost node id, ARGV[3] max length of a node's rooms stream,
-- ARGV[4] arrival timeout ms (the node's arrival window), ARGV[5] start timeout ms
-- Returns {'back'} | {'done' or 'waiting', then for each room moved: room id, node, number of
-- members, member ids...}.
local prefix, lost = ARGV[1], ARGV[2]
local lostGranted = prefix .. 'game:node:' .. lost .. ':granted'
if redis.call('EXISTS', prefix .. 'game:node:' .. lost .. ':heartbeat') == 1 then
  redis.call('SREM', KEYS[2], lost)
  return {'back'}
end

local now = now_ms()
local result = {'done'}
for _, room in ipairs(redis.call('SMEMBERS', lostGranted)) do
  local roomKey = prefix .. 'room:' .. room
  local info = redis.call('HMGET', roomKey, 'state', 'node', 'running_at')
  local state = info[1]
  if (state ~= 'starting' and state ~= 'running') or info[2] ~= lost then
    ungrant(prefix, lost, room)
  else
    local members = redis.call('SMEMBERS', roomKey .. ':players')
    local node = pick_node(KEYS[1], prefix, #members)
    if not node then
      result[1] = 'waiting'
    else
      redis.call('ZINCRBY', KEYS[1], #members, node)
      local epoch = redis.call('HINCRBY', roomKey, 'epoch', 1)
      redis.call('HSET', roomKey, 'node', node)
      redis.call('DEL', roomKey .. ':lease')
      local roster = grant_members(prefix, room, members, node)
      local resume = state == 'running' and '1' or '0'
      redis.call('XADD', prefix .. 'game:node:' .. node .. ':rooms', 'MAXLEN', '~', ARGV[3], '*',
        'room', room, 'epoch', epoch, 'at', info[3] or now, 'resume', resume, 'arrival_ms', ARGV[4],
        'roster', cjson.encode({members = roster}))
      if state == 'starting' then
        redis.call('ZADD', KEYS[3], now + tonumber(ARGV[5]), room)
      end
      ungrant(prefix, lost, room)
      grant(prefix, node, room)
      result[#result + 1] = room
      result[#result + 1] = node
      result[#result + 1] = tostring(#members)
      for _, member in ipairs(members) do
        result[#result + 1] = member
      end
    end
  end
end
if result[1] == 'done' then
  redis.call('SREM', KEYS[2], lost)
end
return result

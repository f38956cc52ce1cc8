-- The presence refresh of a status round (docs/matchmaking.md), for many players in one call:
-- marks each online (the socket's sid, the hash's TTL) and reads where they stand, but answers
-- only for the players the lobby has something to tell: the queued (their place moves) and those
-- whose status is not the one the lobby last told them. A round over thousands of settled
-- sockets so costs one call per slice and returns almost nothing. A player told in_room who is
-- now in_game is not reported: match.ready sent them to the game, whose socket told them.
-- KEYS[1] players_queue   KEYS[1 + i] player:{id} of the i-th player
-- ARGV[1] player TTL (ms); then three per player: ARGV[3i - 1] player id, ARGV[3i] sid,
--         ARGV[3i + 1] the status the lobby last told them ('' when nothing yet)
-- Returns {queue length, i, status, room, node, joined_timestamp, rank, ...} for each player i
-- (1-based) it answers for: absent fields as '', status 'idle' when unset, rank -1 out of the queue.
local queue, ttl = KEYS[1], ARGV[1]
local reply = {redis.call('ZCARD', queue)}

for i = 1, #KEYS - 1 do
  local player, id, told = KEYS[1 + i], ARGV[3 * i - 1], ARGV[3 * i + 1]
  redis.call('HSET', player, 'sid', ARGV[3 * i])
  redis.call('PEXPIRE', player, ttl)
  local status = redis.call('HGET', player, 'status') or 'idle'
  if status == 'queued' or (status ~= told and not (status == 'in_game' and told == 'in_room')) then
    local fields = redis.call('HMGET', player, 'room', 'node', 'joined_timestamp')
    reply[#reply + 1] = i
    reply[#reply + 1] = status
    reply[#reply + 1] = fields[1] or ''
    reply[#reply + 1] = fields[2] or ''
    reply[#reply + 1] = fields[3] or ''
    reply[#reply + 1] = redis.call('ZRANK', queue, id) or -1
  end
end
return reply

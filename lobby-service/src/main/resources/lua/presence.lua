-- The presence refresh of a status round (docs/matchmaking.md), for many players in one call:
-- marks each online (the socket's sid and sequence number, the hash's TTL) and reads where they
-- stand, but answers only for the players the lobby has something to tell: a socket just opened
-- (its new sequence number), a socket a newer one replaced, the queued (their place moves) and
-- those whose status is not the one the lobby last told them. A round over thousands of settled
-- sockets so costs one call per slice and returns almost nothing. A player told in_room who is
-- now in_game is not reported: match.ready sent them to the game, whose socket told them.
-- One lobby socket per player across lobby instances: each socket gets a number from one counter
-- when it opens, and a socket whose number is below the one in the hash (a newer socket of the
-- player, on any lobby) no longer marks the player and is reported replaced.
-- KEYS[1] players_queue   KEYS[2] lobby:socket-seq   KEYS[2 + i] player:{id} of the i-th player
-- ARGV[1] player TTL (ms); then four per player: ARGV[4i - 2] player id, ARGV[4i - 1] sid,
--         ARGV[4i] the socket's sequence number (0: just opened, take one), ARGV[4i + 1] the
--         status the lobby last told them ('' when nothing yet)
-- Returns {queue length, i, seq, status, room, node, joined_timestamp, rank, ...} for each player
-- i (1-based) it answers for: seq the socket's number (-1: replaced, the other fields then ''),
-- absent fields as '', status 'idle' when unset, rank -1 out of the queue.
local queue, socket_seq, ttl = KEYS[1], KEYS[2], ARGV[1]
local reply = {redis.call('ZCARD', queue)}

for i = 1, #KEYS - 2 do
  local player, id, told = KEYS[2 + i], ARGV[4 * i - 2], ARGV[4 * i + 1]
  local seq = tonumber(ARGV[4 * i])
  local opened = seq == 0
  if opened then
    seq = redis.call('INCR', socket_seq)
  end
  if seq < tonumber(redis.call('HGET', player, 'sid_seq') or '0') then
    reply[#reply + 1] = i
    reply[#reply + 1] = -1
    for _ = 1, 5 do
      reply[#reply + 1] = ''
    end
  else
    redis.call('HSET', player, 'sid', ARGV[4 * i - 1], 'sid_seq', seq)
    redis.call('PEXPIRE', player, ttl)
    local status = redis.call('HGET', player, 'status') or 'idle'
    if opened or status == 'queued' or (status ~= told and not (status == 'in_game' and told == 'in_room')) then
      local fields = redis.call('HMGET', player, 'room', 'node', 'joined_timestamp')
      reply[#reply + 1] = i
      reply[#reply + 1] = seq
      reply[#reply + 1] = status
      reply[#reply + 1] = fields[1] or ''
      reply[#reply + 1] = fields[2] or ''
      reply[#reply + 1] = fields[3] or ''
      reply[#reply + 1] = redis.call('ZRANK', queue, id) or -1
    end
  end
end
return reply

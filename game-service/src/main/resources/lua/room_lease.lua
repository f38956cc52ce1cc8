-- A game node claims or refreshes its lease on a room it runs (at intake, then with every heartbeat).
-- The lease is held only while the room is still this node's under the grant it runs (state
-- starting or running, node = this node, the grant's epoch): a room the matchmaker moved back to
-- waiting (arrival.lua), deleted or granted again is lost, and a lease another node holds is never
-- overwritten. A node restarted with the same id finds its own id in the lease and takes its rooms back.
-- On a refresh, a room whose hash and lease are both gone was forgotten by Redis (restarted without
-- its data), not deleted by the matchmaker (which never touches the node's lease): the node runs
-- the match on from its memory and stores its result in PostgreSQL.
-- KEYS[1] room:{id}, KEYS[2] room:{id}:lease
-- ARGV[1] node id, ARGV[2] lease ms, ARGV[3] the grant's epoch, ARGV[4] '1' on a refresh, '0' on a claim
-- Returns {'held'} | {'lost', state or '', node or ''} | {'taken', holder} | {'forgotten'}.
local me, ttl = ARGV[1], ARGV[2]
local info = redis.call('HMGET', KEYS[1], 'state', 'node', 'epoch')
local state, node = info[1], info[2]
if not state and ARGV[4] == '1' and redis.call('EXISTS', KEYS[2]) == 0 then
  return {'forgotten'}
end
if (state ~= 'starting' and state ~= 'running') or node ~= me or info[3] ~= ARGV[3] then
  return {'lost', state or '', node or ''}
end
local holder = redis.call('GET', KEYS[2])
if holder and holder ~= me then
  return {'taken', holder}
end
redis.call('SET', KEYS[2], me, 'PX', ttl)
return {'held'}

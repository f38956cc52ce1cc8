-- Helpers shared by every Arena Lua script; LuaScript puts this file in front of each one.

-- LuaScript.loadRequest: an EVAL with only this argument puts the script into the script cache of
-- the node holding its key (SCRIPT LOAD names no key, so a Redis Cluster client would send it
-- anywhere) and does nothing else.
if #ARGV == 1 and ARGV[1] == 'arena:load-only' then
  return 0
end

-- Redis' own clock in epoch ms, so every deadline of every service comes from one clock.
local function now_ms()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end

-- Appends id, name, colors of each player to a reply, for room.update notices without a second read.
local function append_members(result, prefix, ids)
  for _, member in ipairs(ids) do
    local info = redis.call('HMGET', prefix .. 'player:' .. member, 'name', 'colors')
    result[#result + 1] = member
    result[#result + 1] = info[1] or ''
    result[#result + 1] = info[2] or ''
  end
  return result
end

-- Gives back a node's share of the load start.lua counted for a room (players that ended, left
-- or were dropped), never below zero, and never for a node pruned from the set meanwhile.
local function release_load(nodes, node, players)
  if node and node ~= '' and players > 0 and redis.call('ZSCORE', nodes, node) then
    if tonumber(redis.call('ZINCRBY', nodes, -players, node)) < 0 then
      redis.call('ZADD', nodes, 0, node)
    end
  end
end

-- Puts a room into the set of rooms granted to a node (start.lua, takeover.lua): where a takeover
-- finds the node's rooms if it dies.
local function grant(prefix, node, room)
  redis.call('SADD', prefix .. 'game:node:' .. node .. ':granted', room)
end

-- Takes a room out of the set of rooms granted to a node (grant): the room ended, was dissolved,
-- went back to waiting or moved to another node.
local function ungrant(prefix, node, room)
  if node and node ~= '' then
    redis.call('SREM', prefix .. 'game:node:' .. node .. ':granted', room)
  end
end

-- The least-loaded live game node (lowest score of the nodes set first) whose load plus
-- `players` fits the capacity its heartbeat states; nil when none has room. A heartbeat whose value
-- states no capacity (an older node) takes any room.
local function pick_node(nodes, prefix, players)
  local ranked = redis.call('ZRANGE', nodes, 0, -1, 'WITHSCORES')
  for i = 1, #ranked, 2 do
    local heartbeat = redis.call('GET', prefix .. 'game:node:' .. ranked[i] .. ':heartbeat')
    if heartbeat then
      local ok, load = pcall(cjson.decode, heartbeat)
      local capacity = ok and type(load) == 'table' and tonumber(load['capacity']) or nil
      if not capacity or tonumber(ranked[i + 1]) + players <= capacity then
        return ranked[i]
      end
    end
  end
  return nil
end

-- Points each member still placed in `room` at `node` and returns the grant's roster: {id, name,
-- colors} of every member, so the node reads no player hash.
local function grant_members(prefix, room, members, node)
  local roster = {}
  for _, member in ipairs(members) do
    local playerKey = prefix .. 'player:' .. member
    local info = redis.call('HMGET', playerKey, 'room', 'name', 'colors')
    if info[1] == room then
      redis.call('HSET', playerKey, 'node', node)
    end
    roster[#roster + 1] = {member, info[2] or '', info[3] or ''}
  end
  return roster
end

-- Helpers shared by every Arena Lua script; LuaScript puts this file in front of each one.

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

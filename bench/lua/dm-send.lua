-- POST /api/messages into existing conversations between the signed-in people: $BENCH_DM_SENDS
-- holds one (token number, conversation) pair a line, each conversation once from each side.
-- Every request takes the next pair, each thread starting at its own offset, so the connections
-- write into different conversations at once and now and then into the same one, from either
-- side. Records each acknowledged message's uuid as writes.lua does.
dofile(os.getenv("BENCH_LUA") .. "/report.lua")

local tokens
local pairs_ = {}
local acks
local sent = 0

function init(args)
   tokens = read_tokens()
   local file = assert(io.open(os.getenv("BENCH_DM_SENDS"), "r"))
   for line in file:lines() do
      local n, group = string.match(line, "^(%d+) ([0-9a-f%-]+)")
      if n then
         table.insert(pairs_, { token = tokens[tonumber(n)], group = group })
      end
   end
   file:close()
   assert(#pairs_ > 0, "no send pairs in BENCH_DM_SENDS")
   acks = assert(io.open(os.getenv("BENCH_ACKS") .. "/acks-" .. id .. ".txt", "w"))
   acks:setvbuf("line")
   counts = true
end

function request()
   sent = sent + 1
   local pair = pairs_[((id * 7919 + sent) % #pairs_) + 1]
   local words = string.rep("lorem ipsum ", (sent % 9) + 1)
   local body = string.format('{"message":"bench message %d-%d %s","ttl":"1-day","message_group_uuid":"%s"}',
      id, sent, words, pair.group)
   return wrk.format("POST", "/api/messages", {
      ["Content-Type"] = "application/json",
      ["Authorization"] = "Bearer " .. pair.token,
   }, body)
end

function response(status, headers, body)
   if status >= 200 and status < 300 then
      ok = ok + 1
      local uuid = string.match(body, '"uuid":"([0-9a-f%-]+)"')
      if status == 201 and uuid then
         acks:write(uuid, "\n")
      end
   else
      bad = bad + 1
   end
end

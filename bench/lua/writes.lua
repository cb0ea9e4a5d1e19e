-- Shared by the POST scenarios: rotates through the users' tokens, and records the uuid of every
-- acknowledged (201) write in $BENCH_ACKS/acks-<thread>.txt, so run.sh can check that each one
-- is in the database afterwards.
dofile(os.getenv("BENCH_LUA") .. "/report.lua")

local tokens
local acks
local sent = 0

function init(args)
   tokens = read_tokens()
   acks = assert(io.open(os.getenv("BENCH_ACKS") .. "/acks-" .. id .. ".txt", "w"))
   -- Line buffering: wrk never closes a thread's files, so a full buffer could be lost at exit.
   acks:setvbuf("line")
   counts = true
end

function write_request(path, body)
   sent = sent + 1
   local token = tokens[((id + sent) % #tokens) + 1]
   return wrk.format("POST", path, {
      ["Content-Type"] = "application/json",
      ["Authorization"] = "Bearer " .. token,
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

function message(kind)
   -- Unique per request, and varied in length like real cruds.
   local words = string.rep("lorem ipsum ", (sent % 9) + 1)
   return string.format("%s %d-%d %s", kind, id, sent, words)
end

-- Like and unlike one crud (BENCH_HOT_CRUD), alternating PUT and DELETE .../like, signed in as
-- the thread's own user: run with as many threads as connections (wrk -t16 -c16), so that each
-- connection is a different person. wrk counts any status above 399 as an error.
dofile(os.getenv("BENCH_LUA") .. "/report.lua")

local path
local token
local sent = 0

function init(args)
   local tokens = read_tokens()
   token = tokens[((id - 1) % #tokens) + 1]
   path = "/api/activities/" .. os.getenv("BENCH_HOT_CRUD") .. "/like"
end

function request()
   sent = sent + 1
   local method = (sent % 2 == 1) and "PUT" or "DELETE"
   return wrk.format(method, path, { ["Authorization"] = "Bearer " .. token })
end

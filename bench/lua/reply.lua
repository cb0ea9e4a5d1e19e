-- POST /api/activities/$BENCH_HOT_CRUD/reply: everyone replies to the same crud, so every write
-- takes the same row lock (contention).
dofile(os.getenv("BENCH_LUA") .. "/writes.lua")

local path = "/api/activities/" .. os.getenv("BENCH_HOT_CRUD") .. "/reply"

function request()
   return write_request(path, string.format('{"message":"%s"}', message("bench reply")))
end

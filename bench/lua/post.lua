-- POST /api/activities as one of the generated users.
dofile(os.getenv("BENCH_LUA") .. "/writes.lua")

function request()
   return write_request("/api/activities",
      string.format('{"message":"%s","ttl":"1-day"}', message("bench crud")))
end

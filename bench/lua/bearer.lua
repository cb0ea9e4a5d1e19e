-- A GET of the URL given to wrk, signed in: each thread uses its own user's access token.
dofile(os.getenv("BENCH_LUA") .. "/report.lua")

function init(args)
   local tokens = read_tokens()
   wrk.headers["Authorization"] = "Bearer " .. tokens[((id - 1) % #tokens) + 1]
end

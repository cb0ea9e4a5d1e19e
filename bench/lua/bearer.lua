-- A GET of the URL given to wrk, signed in: each thread uses its own user's access token, or,
-- with BENCH_TOKEN_INDEX=n, every thread the n-th token (one user's own data, e.g. notifications).
dofile(os.getenv("BENCH_LUA") .. "/report.lua")

function init(args)
   local tokens = read_tokens()
   local fixed = tonumber(os.getenv("BENCH_TOKEN_INDEX") or "")
   if fixed then
      wrk.headers["Authorization"] = "Bearer " .. tokens[fixed]
   else
      wrk.headers["Authorization"] = "Bearer " .. tokens[((id - 1) % #tokens) + 1]
   end
end

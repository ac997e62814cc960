-- wrk: GET one address, as a visitor (no cookie) or signed in (BENCH_COOKIE="sessionid=...").
dofile("bench/wrk/report.lua")

local cookie = os.getenv("BENCH_COOKIE")
if cookie and cookie ~= "" then
  wrk.headers["Cookie"] = cookie
end

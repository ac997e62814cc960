-- wrk: donors pledging one item each through the campaign page's form (POST), as a browser
-- would after loading the page: the page's form, a fresh double-submit key per pledge, and an
-- e-mail, a browser (a CSRF cookie and token) and an address (X-Forwarded-For, as nginx writes it)
-- of its own per donor, so that a crowd is measured, not one browser or address hitting a limit.
-- The harness sets BENCH_CSRF_COOKIE (the CSRF cookie's name), BENCH_FORM (the donor's fields,
-- url-encoded) and BENCH_NEEDS (the form's need fields, comma-separated).
dofile("bench/wrk/report.lua")

-- Each donor is a browser of its own: a CSRF cookie of its own (the per-browser rate limit counts
-- by it), with its secret as the form's token (Django takes an unmasked token).
local csrf_cookie = os.getenv("BENCH_CSRF_COOKIE")
local form = os.getenv("BENCH_FORM")
local alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
local needs = {}
for name in string.gmatch(os.getenv("BENCH_NEEDS"), "[^,]+") do
  needs[#needs + 1] = name
end

local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("number", threads)
end

function init(args)
  math.randomseed(os.time() * 1000 + (number or 0))
end

local function submission_key()
  local r = math.random
  return string.format("%04x%04x-%04x-4%03x-a%03x-%04x%04x%04x",
    r(0, 65535), r(0, 65535), r(0, 65535), r(0, 4095), r(0, 4095), r(0, 65535), r(0, 65535), r(0, 65535))
end

local function csrf_secret()
  local chars = {}
  for i = 1, 32 do
    local n = math.random(#alphabet)
    chars[i] = alphabet:sub(n, n)
  end
  return table.concat(chars)
end

function request()
  local secret = csrf_secret()
  local email = string.format("bench-%d-%d@example.org", number or 0, math.random(1, 1000000000))
  local body = form .. "&csrfmiddlewaretoken=" .. secret .. "&email=" .. email .. "&submission_key=" .. submission_key() .. "&" .. needs[math.random(#needs)] .. "=1"
  local headers = {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = csrf_cookie .. "=" .. secret,
    ["X-Forwarded-For"] = string.format("127.%d.%d.%d", math.random(0, 255), math.random(0, 255), math.random(1, 254)),
  }
  return wrk.format("POST", nil, headers, body)
end

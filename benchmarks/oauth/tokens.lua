-- Posts one single-use token per request to /oauth/token: WRK_TOKENS is a file with one token
-- per line, WRK_PREFIX the form body before it; the lines are split between wrk's threads.
-- WRK_STOP_AT_END=1 (smoke mode, one connection per thread): a thread stops once its last token
-- has been answered instead of sending "exhausted" (which the server refuses). Left unset in
-- measured runs, where a response() hook would make wrk read every body.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

function init(args)
  local count = tonumber(os.getenv("WRK_THREADS"))
  prefix = os.getenv("WRK_PREFIX")
  suffix = os.getenv("WRK_SUFFIX") or ""
  tokens = {}
  local i = 0
  for line in io.lines(os.getenv("WRK_TOKENS")) do
    if i % count == id - 1 then table.insert(tokens, line) end
    i = i + 1
  end
  next_token = 1
end

function request()
  local token = tokens[next_token] or "exhausted"
  next_token = next_token + 1
  return wrk.format("POST", "/oauth/token", { ["Content-Type"] = "application/x-www-form-urlencoded" }, prefix .. token .. suffix)
end

if os.getenv("WRK_STOP_AT_END") == "1" then
  function response(status, headers, body)
    if next_token > #tokens then wrk.thread:stop() end
  end
end

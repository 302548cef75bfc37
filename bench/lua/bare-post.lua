-- POST /bare with a new code per request (thread number and counter).
local counter = 0
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end
function request()
  counter = counter + 1
  local body = string.format('{"code":"B%d-%d","name":"bench %d"}', tid, counter, counter)
  return wrk.format("POST", "/bare", { ["Content-Type"] = "application/json" }, body)
end

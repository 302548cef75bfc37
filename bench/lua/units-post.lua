-- POST /api/v1/units: a new community under PARENT_ID with a code unique per request (RUN, thread, counter).
local counter = 0
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end
function request()
  counter = counter + 1
  local body = string.format(
    '{"code":"W%s-%d-%d","name":"压测社区 %d-%d","kind":"COMMUNITY","parentId":%s}',
    os.getenv("RUN"), tid, counter, tid, counter, os.getenv("PARENT_ID"))
  return wrk.format("POST", "/api/v1/units", {
    ["Content-Type"] = "application/json",
    ["Accept"] = "application/json",
    ["Authorization"] = "Bearer " .. os.getenv("TOKEN") }, body)
end

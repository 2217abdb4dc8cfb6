-- Runbox session driver for Lua 5.1 to 5.4 (and LuaJIT): one interpreter whose globals are kept between calls (see
-- python/session.py for the protocol). Each call's code is a chunk of its own, as each line is at lua's prompt: its
-- globals and global functions stay, its locals are the call's. print, io.write and io.stdout, io.stderr and
-- io.stdin are the call's while it runs; os.exit ends the call with its status, not the interpreter.
-- The nonce and the driver's state are locals of this chunk, out of the code's globals.
local real_out, real_in = io.stdout, io.stdin
local load_code = loadstring or load   -- 5.1 has loadstring; load takes a string from 5.2

local ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
local DECODE = {}
for i = 1, 64 do DECODE[ALPHABET:byte(i)] = i - 1 end

-- Base64 with arithmetic only: Lua 5.1 and 5.2 have no bitwise operators.
local function b64encode(s)
  if s == "" then return "-" end
  local out = {}
  for i = 1, #s, 3 do
    local a, b, c = s:byte(i, i + 2)
    local n = a * 65536 + (b or 0) * 256 + (c or 0)
    local c1, c2 = math.floor(n / 262144), math.floor(n / 4096) % 64
    local c3, c4 = math.floor(n / 64) % 64, n % 64
    out[#out + 1] = ALPHABET:sub(c1 + 1, c1 + 1) .. ALPHABET:sub(c2 + 1, c2 + 1)
      .. (b and ALPHABET:sub(c3 + 1, c3 + 1) or "=") .. (c and ALPHABET:sub(c4 + 1, c4 + 1) or "=")
  end
  return table.concat(out)
end

local function b64decode(s)
  if s == "-" then return "" end
  local out, n, bits = {}, 0, 0
  for i = 1, #s do
    local v = DECODE[s:byte(i)]
    if v then
      n, bits = n * 64 + v, bits + 6
      if bits >= 8 then
        bits = bits - 8
        local p = 2 ^ bits
        out[#out + 1] = string.char(math.floor(n / p))
        n = n % p
      end
    end
  end
  return table.concat(out)
end

local nonce = (real_in:read("*l") or ""):gsub("%s", "")
local calls = 0

local function reply(code, out, err)
  real_out:write("\n\30RUNBOX ", nonce, " ", calls, " ", code, " ", b64encode(out or ""), " ",
    b64encode(err or ""), "\n")
  real_out:flush()
end

local function contents(f)
  f:seek("set")
  local s = f:read("*a") or ""
  f:close()
  return s
end

local EXIT = {}

local function exec(code)
  local out, err, input = io.tmpfile(), io.tmpfile(), io.tmpfile()
  local saved = { print = print, stdout = io.stdout, stderr = io.stderr, stdin = io.stdin, exit = os.exit }
  io.stdout, io.stderr, io.stdin = out, err, input
  io.output(out)
  io.input(input)
  print = function(...)
    local n, parts = select("#", ...), {}
    for i = 1, n do parts[i] = tostring((select(i, ...))) end
    out:write(table.concat(parts, "\t"), "\n")
  end
  os.exit = function(status)
    error(setmetatable({ status = status == nil and 0 or status == true and 0 or status == false and 1 or status }, EXIT), 0)
  end
  local status = 0
  local chunk, message = load_code(code, "=session")
  if not chunk then
    err:write(message, "\n")
    status = 1
  else
    local ok, e = xpcall(chunk, function(e)
      if getmetatable(e) == EXIT then return e end
      return debug.traceback(tostring(e), 2)
    end)
    if not ok then
      if getmetatable(e) == EXIT then
        status = math.floor(tonumber(e.status) or 1) % 256
      else
        err:write(tostring(e), "\n")
        status = 1
      end
    end
  end
  print, os.exit = saved.print, saved.exit
  io.stdout, io.stderr, io.stdin = saved.stdout, saved.stderr, saved.stdin
  io.output(real_out)
  io.input(real_in)
  input:close()
  reply(status, contents(out), contents(err))
end

local function quote(s) return "'" .. s:gsub("'", "'\\''") .. "'" end

-- Written beside its name, then renamed over it: a link left at the name is replaced, never followed.
local function write(name, data)
  local slash = ("/box/" .. name):match("^(.*)/[^/]*$")
  local p = io.popen("realpath -e -- " .. quote(slash) .. " 2>/dev/null")
  local dir = p and (p:read("*l") or "") or ""
  if p then p:close() end
  if dir ~= "/box" and dir:sub(1, 5) ~= "/box/" then
    return reply(1, "", "a link on the way to " .. name .. " leads out of the workspace, or its folder is missing")
  end
  local tmp = dir .. "/.runbox-upload-" .. tostring(calls)
  os.remove(tmp)   -- unlinks a link there, never its target
  local f, e = io.open(tmp, "wb")
  if f then
    local ok
    ok, e = f:write(data)
    f:close()
    if ok then
      ok, e = os.rename(tmp, dir .. "/" .. name:match("([^/]*)$"))
      if ok then return reply(0) end
    end
  end
  reply(1, "", "cannot write " .. name .. ": " .. tostring(e))
end

for line in real_in:lines() do
  local parts = {}
  for word in line:gmatch("%S+") do parts[#parts + 1] = word end
  if #parts > 0 then
    calls = calls + 1
    local op = parts[1]
    if op == "exec" then
      exec(b64decode(parts[2] or "-"))
    elseif op == "write" then
      write(b64decode(parts[2] or "-"), b64decode(parts[3] or "-"))
    else
      reply(2, "", "unknown op")
    end
  end
end

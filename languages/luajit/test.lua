print("Hello from Runbox in Lua (" .. jit.version .. ")")

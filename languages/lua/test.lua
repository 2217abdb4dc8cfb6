print("Hello from Runbox in " .. _VERSION)

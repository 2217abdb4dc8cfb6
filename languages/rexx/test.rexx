parse version v
say "Hello from Runbox in REXX (" || v || ")"

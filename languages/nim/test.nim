echo "Hello from Runbox in Nim ", NimVersion

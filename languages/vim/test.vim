echo "Hello from Runbox in Vim script (Vim " .. v:version / 100 .. "." .. v:version % 100 .. ")"

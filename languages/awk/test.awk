BEGIN { print "Hello from Runbox in AWK (GNU Awk " PROCINFO["version"] ")" }

print "Hello from Runbox in KornShell ${.sh.version}"

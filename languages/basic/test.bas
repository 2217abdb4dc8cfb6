print "Hello from Runbox in BASIC (yabasic ", peek$("version"), ")"

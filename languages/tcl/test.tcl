puts "Hello from Runbox in Tcl [info patchlevel]"

[indent=4]
init
    print "Hello from Runbox in Genie"

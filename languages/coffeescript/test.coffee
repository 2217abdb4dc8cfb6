console.log "Hello from Runbox in CoffeeScript"

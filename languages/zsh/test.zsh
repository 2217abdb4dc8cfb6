print "Hello from Runbox in Zsh $ZSH_VERSION"

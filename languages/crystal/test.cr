puts "Hello from Runbox in Crystal #{Crystal::VERSION}"

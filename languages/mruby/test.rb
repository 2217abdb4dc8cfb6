puts "Hello from Runbox in Ruby (mruby #{MRUBY_VERSION})"

puts "Hello from Runbox in Ruby #{RUBY_VERSION}"

IO.puts("Hello from Runbox in Elixir #{System.version()}")

echo "Hello from Runbox in fish $version"

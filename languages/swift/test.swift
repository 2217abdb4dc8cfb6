print("Hello from Runbox in Swift")

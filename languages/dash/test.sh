echo "Hello from Runbox in Dash"

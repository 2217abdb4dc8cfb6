"Hello from Runbox in jq"

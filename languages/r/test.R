cat(sprintf("Hello from Runbox in R %s.%s\n", R.version$major, R.version$minor))

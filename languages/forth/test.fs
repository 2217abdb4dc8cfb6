: hello ." Hello from Runbox in Forth (Gforth " version-string type ." )" cr ;
hello

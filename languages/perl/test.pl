printf "Hello from Runbox in Perl %vd\n", $^V;

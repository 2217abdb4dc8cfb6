program hello
  print '(a)', 'Hello from Runbox in Fortran'
end program hello

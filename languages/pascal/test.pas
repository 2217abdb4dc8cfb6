program Hello;
begin
  writeln('Hello from Runbox in Pascal');
end.

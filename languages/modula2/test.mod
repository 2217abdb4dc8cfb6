MODULE main;

FROM StrIO IMPORT WriteString, WriteLn;

BEGIN
  WriteString("Hello from Runbox in Modula-2");
  WriteLn
END main.

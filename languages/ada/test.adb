with Ada.Text_IO;

procedure Main is
begin
   Ada.Text_IO.Put_Line ("Hello from Runbox in Ada");
end Main;

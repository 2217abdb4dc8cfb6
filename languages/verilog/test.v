module main;
  initial begin
    $display("Hello from Runbox in Verilog");
    $finish;
  end
endmodule

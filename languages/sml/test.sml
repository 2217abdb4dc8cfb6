val () = print ("Hello from Runbox in Standard ML (Poly/ML " ^ PolyML.Compiler.compilerVersion ^ ")\n");

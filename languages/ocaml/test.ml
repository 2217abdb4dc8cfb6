let () = print_endline ("Hello from Runbox in OCaml " ^ Sys.ocaml_version)

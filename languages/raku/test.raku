say "Hello from Runbox in Raku (Rakudo {$*RAKU.compiler.version})";

// CodeMirror language support for each Runbox language id.
import { Extension } from "@codemirror/state";
import { StreamLanguage } from "@codemirror/language";
import { python } from "@codemirror/lang-python";
import { javascript } from "@codemirror/lang-javascript";
import { cpp } from "@codemirror/lang-cpp";
import { java } from "@codemirror/lang-java";
import { rust } from "@codemirror/lang-rust";
import { php } from "@codemirror/lang-php";
import { go } from "@codemirror/lang-go";
import { shell } from "@codemirror/legacy-modes/mode/shell";
import { ruby } from "@codemirror/legacy-modes/mode/ruby";
import { haskell } from "@codemirror/legacy-modes/mode/haskell";
import { csharp } from "@codemirror/legacy-modes/mode/clike";

export function languageSupport(id: string): Extension {
  switch (id) {
    case "python": return python();
    case "javascript": return javascript();
    case "typescript": return javascript({ typescript: true });
    case "c": case "cpp": return cpp();
    case "java": return java();
    case "rust": return rust();
    case "php": return php({ plain: false });
    case "go": return go();
    case "bash": return StreamLanguage.define(shell);
    case "ruby": return StreamLanguage.define(ruby);
    case "haskell": return StreamLanguage.define(haskell);
    case "csharp": return StreamLanguage.define(csharp);
    default: return [];
  }
}

export const SAMPLES: Record<string, string> = {
  python: 'name = input("Your name: ")\nprint(f"Hello, {name}!")\n',
  javascript: 'console.log("Hello from JavaScript");\n',
  typescript: 'const greeting: string = "Hello from TypeScript";\nconsole.log(greeting);\n',
  c: '#include <stdio.h>\n\nint main(void) {\n    printf("Hello from C\\n");\n    return 0;\n}\n',
  cpp: '#include <iostream>\n\nint main() {\n    std::cout << "Hello from C++" << std::endl;\n}\n',
  java: 'public class Main {\n    public static void main(String[] args) {\n        System.out.println("Hello from Java");\n    }\n}\n',
  bash: 'echo "Hello from Bash"\n',
  ruby: 'puts "Hello from Ruby"\n',
  php: '<?php\necho "Hello from PHP\\n";\n',
  go: 'package main\n\nimport "fmt"\n\nfunc main() {\n\tfmt.Println("Hello from Go")\n}\n',
  rust: 'fn main() {\n    println!("Hello from Rust");\n}\n',
  haskell: 'main :: IO ()\nmain = putStrLn "Hello from Haskell"\n',
  csharp: 'using System;\n\npublic class Program {\n    public static void Main() {\n        Console.WriteLine("Hello from C#");\n    }\n}\n',
};

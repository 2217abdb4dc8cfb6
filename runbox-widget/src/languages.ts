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
import samples from "./samples.json";

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

/**
 * The code a runner starts with for each language id. Each runs cleanly with or without input (exit 0, nothing on
 * stderr); SampleProgramsTest runs every one of them.
 */
export const SAMPLES: Record<string, string> = samples;

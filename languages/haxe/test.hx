class Main {
  static function main() {
    Sys.println("Hello from Runbox in Haxe " + haxe.macro.Compiler.getDefine("haxe"));
  }
}

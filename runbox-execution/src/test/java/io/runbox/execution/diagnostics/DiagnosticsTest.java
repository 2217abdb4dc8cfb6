package io.runbox.execution.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import io.runbox.core.Diagnostic;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each toolchain's diagnostics, read from its real output (captured once from the compiler installed here, in the
 * sandbox; see each resource's notes) with the language's real {@code diagnostics:} section.
 */
class DiagnosticsTest {
    private static Diagnostic d(String file, int line, int column, String severity, String message) {
        return new Diagnostic(file, line, column, severity, message);
    }

    @Test
    void gcc() throws Exception {
        assertThat(Captured.of("gcc").read("c", "main.c")).containsExactly(
                d("main.c", 4, 13, "warning", "initialization of ‘int’ from ‘char *’ makes integer from pointer"
                        + " without a cast [-Wint-conversion]"),
                d("main.c", 5, 20, "error", "‘y’ undeclared (first use in this function)"),
                d("main.c", 5, 20, "note", "each undeclared identifier is reported only once for each function it"
                        + " appears in"),
                d("main.c", 6, 13, "error", "expected ‘;’ before ‘}’ token"));
    }

    @Test
    void gxxPutsAHeadersErrorsAtTheUsersLineThatInstantiatedThemAndDropsThoseItCannotPlace() throws Exception {
        List<Diagnostic> found = Captured.of("gxx").read("cpp", "main.cpp");
        assertThat(found).allSatisfy(x -> assertThat(x.file()).isEqualTo("main.cpp"));
        // The vector<int&> instantiation's errors in the headers: at "main.cpp:5:23: required from here", each once.
        assertThat(found).filteredOn(x -> x.line() == 5).containsExactly(
                d("main.cpp", 5, 23, "error", "forming pointer to reference type ‘int&’"),
                d("main.cpp", 5, 23, "error", "‘allocate’ has not been declared in"
                        + " ‘__gnu_cxx::__alloc_traits<std::allocator<int&>, int&>::_Base_type’"),
                d("main.cpp", 5, 23, "error", "‘deallocate’ has not been declared in"
                        + " ‘__gnu_cxx::__alloc_traits<std::allocator<int&>, int&>::_Base_type’"),
                d("main.cpp", 5, 23, "error", "‘_M_allocate’ has not been declared in ‘std::vector<int&>::_Base’"),
                d("main.cpp", 5, 23, "error", "‘_M_deallocate’ has not been declared in ‘std::vector<int&>::_Base’"),
                d("main.cpp", 5, 23, "error", "‘constexpr void std::vector<_Tp, _Alloc>::push_back(value_type&&)"
                        + " [with _Tp = int&; _Alloc = std::allocator<int&>; value_type = int&]’ cannot be overloaded"
                        + " with ‘constexpr void std::vector<_Tp, _Alloc>::push_back(const value_type&) [with _Tp ="
                        + " int&; _Alloc = std::allocator<int&>; value_type = int&]’"),
                d("main.cpp", 5, 23, "note", "previous declaration ‘constexpr void std::vector<_Tp, _Alloc>::push_back("
                        + "const value_type&) [with _Tp = int&; _Alloc = std::allocator<int&>; value_type = int&]’"));
        assertThat(found).filteredOn(x -> x.line() != 5).containsExactly(
                d("main.cpp", 6, 21, "error", "conversion from ‘int’ to non-scalar type ‘std::string’ {aka"
                        + " ‘std::__cxx11::basic_string<char>’} requested"),
                d("main.cpp", 7, 5, "error", "‘unused_function’ was not declared in this scope"));
    }

    @Test
    void errorsInASystemHeaderArePutAtTheLineThatIncludedIt() throws Exception {
        String notAStruct = "’ in something not a structure or union";
        assertThat(Captured.of("gcc-include").read("c", "main.c")).containsExactly(
                d("main.c", 1, 14, "error", "two or more data types in declaration specifiers"),
                d("main.c", 2, 0, "error", "request for member ‘_IO_read_ptr" + notAStruct),
                d("main.c", 2, 0, "error", "request for member ‘_IO_read_end" + notAStruct),
                d("main.c", 2, 0, "error", "request for member ‘_IO_write_ptr" + notAStruct),
                d("main.c", 2, 0, "error", "request for member ‘_IO_write_end" + notAStruct),
                d("main.c", 2, 0, "error", "request for member ‘_flags" + notAStruct));
    }

    @Test
    void clang() throws Exception {
        assertThat(Captured.of("clang").read("c", "main.c")).containsExactly(
                d("main.c", 4, 9, "error", "incompatible pointer to integer conversion initializing 'int' with an"
                        + " expression of type 'char[6]' [-Wint-conversion]"),
                d("main.c", 5, 20, "error", "use of undeclared identifier 'y'"),
                d("main.c", 6, 13, "error", "expected ';' after return statement"));
    }

    @Test
    void javacTakesTheColumnFromTheCaretAndTheSymbolLinesIntoTheMessage() throws Exception {
        assertThat(Captured.of("javac").read("java", "Main.java")).containsExactly(
                d("Main.java", 3, 17, "error", "incompatible types: String cannot be converted to int"),
                d("Main.java", 4, 28, "error", "cannot find symbol\nsymbol:   variable y\nlocation: class Main"));
    }

    @Test
    void rustc() throws Exception {
        assertThat(Captured.of("rustc").read("rust", "main.rs")).containsExactly(
                d("main.rs", 4, 20, "error", "E0425: cannot find value `y` in this scope"),
                d("main.rs", 3, 18, "error", "E0308: mismatched types"));
        assertThat(Captured.of("rustc-warning").read("rust", "main.rs")).containsExactly(
                d("main.rs", 2, 9, "warning", "unused variable: `unused`"));
    }

    @Test
    void go() throws Exception {
        assertThat(Captured.of("go").read("go", "main.go")).containsExactly(
                d("main.go", 6, 14, "error", "cannot use \"text\" (untyped string constant) as int value in variable"
                        + " declaration"),
                d("main.go", 7, 14, "error", "undefined: y"));
    }

    @Test
    void tsc() throws Exception {
        assertThat(Captured.of("tsc").read("typescript", "main.ts")).containsExactly(
                d("main.ts", 1, 7, "error", "TS2322: Type 'string' is not assignable to type 'number'."),
                d("main.ts", 5, 7, "error", "TS2345: Argument of type 'number' is not assignable to parameter of type"
                        + " 'string'."),
                d("main.ts", 6, 13, "error", "TS2304: Cannot find name 'missing'."));
    }

    @Test
    void mcs() throws Exception {
        assertThat(Captured.of("mcs").read("csharp", "main.cs")).containsExactly(
                d("main.cs", 6, 17, "error", "CS0029: Cannot implicitly convert type `string' to `int'"),
                d("main.cs", 7, 27, "error", "CS0103: The name `y' does not exist in the current context"));
    }

    @Test
    void ghcOnOneLineAndWithTheMessageIndentedBelow() throws Exception {
        assertThat(Captured.of("ghc").read("haskell", "main.hs")).containsExactly(
                d("main.hs", 4, 18, "error", "Variable not in scope: y"));
        assertThat(Captured.of("ghc-9.6").read("haskell", "main.hs")).containsExactly(
                d("main.hs", 3, 11, "error", "• No instance for ‘Num Bool’ arising from the literal ‘1’\n"
                        + "• In the first argument of ‘(+)’, namely ‘1’\nIn the expression: 1 + True\n"
                        + "In an equation for ‘x’: x = 1 + True"));
    }

    @Test
    void pythonTracebackGivesTheDeepestFrameInTheProgramAndTheExceptionLine() throws Exception {
        assertThat(Captured.of("python").read("python", "main.py")).containsExactly(
                d("main.py", 4, 0, "error", "json.decoder.JSONDecodeError: Expecting property name enclosed in double"
                        + " quotes: line 1 column 2 (char 1)"));
    }

    @Test
    void nodeStackGivesTheInnermostFrameInTheProgram() throws Exception {
        assertThat(Captured.of("node").read("javascript", "main.js")).containsExactly(
                d("main.js", 2, 22, "error", "TypeError: Cannot read properties of undefined (reading 'value')"));
    }

    @Test
    void rubyBacktraceGivesTheInnermostFrameInTheProgram() throws Exception {
        assertThat(Captured.of("ruby").read("ruby", "main.rb")).containsExactly(
                d("main.rb", 2, 0, "error", "invalid value for Integer(): \"not a number\" (ArgumentError)"));
    }

    @Test
    void syntaxErrorsOfTheInterpretersNameTheirPlaceThemselves() throws Exception {
        assertThat(Captured.of("python-syntax").read("python", "main.py")).containsExactly(
                d("main.py", 2, 0, "error", "SyntaxError: '(' was never closed"));
        assertThat(Captured.of("node-syntax").read("javascript", "main.js")).containsExactly(
                d("main.js", 2, 13, "error", "SyntaxError: Unexpected token ';'"));
        assertThat(Captured.of("ruby-syntax").read("ruby", "main.rb")).containsExactly(
                d("main.rb", 3, 0, "error", "syntax error, unexpected `end'"),
                d("main.rb", 4, 9, "error", "syntax error, unexpected end-of-input, expecting ')'"));
    }

    @Test
    void theOtherKindsOfToolchainOfTheseLanguages() throws Exception {
        List<Diagnostic> tsc = List.of(
                d("main.ts", 1, 7, "error", "TS2322: Type 'string' is not assignable to type 'number'."),
                d("main.ts", 5, 7, "error", "TS2345: Argument of type 'number' is not assignable to parameter of type"
                        + " 'string'."),
                d("main.ts", 6, 13, "error", "TS2304: Cannot find name 'missing'."));
        assertThat(Captured.of("tsc-7").readAs("typescript", "typescript-", "main.ts")).isEqualTo(tsc);
        assertThat(Captured.of("deno-check").readAs("typescript", "deno-ts-", "main.ts")).isEqualTo(tsc);
        assertThat(Captured.of("bun-ts").readAs("typescript", "bun-ts-", "main.ts")).containsExactly(
                d("main.ts", 3, 17, "error", "TypeError: name.toUpperCase is not a function. (In 'name.toUpperCase()',"
                        + " 'name.toUpperCase' is undefined)"));
        assertThat(Captured.of("deno").readAs("javascript", "deno-", "main.js")).containsExactly(
                d("main.js", 2, 22, "error", "error: Uncaught (in promise) TypeError: Cannot read properties of"
                        + " undefined (reading 'value')"));
        assertThat(Captured.of("bun").readAs("javascript", "bun-", "main.js")).containsExactly(
                d("main.js", 2, 14, "error", "TypeError: undefined is not an object (evaluating 'a.missing.value')"));
        assertThat(Captured.of("jruby").readAs("ruby", "jruby-", "main.rb")).containsExactly(
                d("main.rb", 2, 0, "error", "ArgumentError: invalid value for Integer(): \"not a number\""));
        assertThat(Captured.of("pypy").readAs("python", "pypy-", "main.py")).containsExactly(
                d("main.py", 4, 0, "error", "json.decoder.JSONDecodeError: Key name must be string at char: line 1"
                        + " column 2 (char 1)"));
    }

    @Test
    void aFileThatIsNotTheRequestsIsDropped() throws Exception {
        assertThat(Captured.of("gcc").read("c", "other.c")).isEmpty();
        assertThat(Captured.of("python").read("python", "other.py")).isEmpty();
        assertThat(Captured.of("node").read("javascript", "other.js")).isEmpty();
    }
}

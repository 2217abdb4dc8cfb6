@message = private constant [29 x i8] c"Hello from Runbox in LLVM IR\00"

declare i32 @puts(i8*)

define i32 @main() {
  %text = getelementptr [29 x i8], [29 x i8]* @message, i64 0, i64 0
  call i32 @puts(i8* %text)
  ret i32 0
}

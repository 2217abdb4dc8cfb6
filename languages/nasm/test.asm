        global  _start

        section .text
_start: mov     rax, 1                  ; write(1, message, length)
        mov     rdi, 1
        mov     rsi, message
        mov     rdx, length
        syscall
        mov     rax, 60                 ; exit(0)
        xor     rdi, rdi
        syscall

        section .rodata
message: db     "Hello from Runbox in NASM", 10
length: equ     $ - message

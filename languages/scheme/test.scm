(display (string-append "Hello from Runbox in Scheme (Guile " (version) ")"))
(newline)

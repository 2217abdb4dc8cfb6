(princ (format "Hello from Runbox in Emacs Lisp (Emacs %s)\n" emacs-version))

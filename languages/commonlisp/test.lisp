(format t "Hello from Runbox in Common Lisp (~a ~a)~%" (lisp-implementation-type) (lisp-implementation-version))

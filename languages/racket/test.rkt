#lang racket/base
(printf "Hello from Runbox in Racket ~a\n" (version))

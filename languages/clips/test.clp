(printout t "Hello from Runbox in CLIPS" crlf)

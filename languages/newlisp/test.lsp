(println "Hello from Runbox in newLISP " (/ (sys-info -2) 1000) "." (% (/ (sys-info -2) 100) 10) "." (% (sys-info -2) 100))

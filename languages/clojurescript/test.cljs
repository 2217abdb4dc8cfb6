(println (str "Hello from Runbox in ClojureScript (nbb " (nbb.core/version) ")"))

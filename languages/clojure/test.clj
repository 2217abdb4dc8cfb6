(println (str "Hello from Runbox in Clojure " (clojure-version)))

println "Hello from Runbox in Groovy ${GroovySystem.version}"

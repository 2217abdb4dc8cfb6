execute_process(COMMAND ${CMAKE_COMMAND} -E echo "Hello from Runbox in CMake ${CMAKE_VERSION}")

echo "Hello from Runbox in Bash ${BASH_VERSION}"

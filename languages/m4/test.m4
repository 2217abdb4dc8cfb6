define(`greet', `Hello from Runbox in $1')dnl
greet(`m4')

package main

import "fmt"

func main() {
	fmt.Println("Hello from Runbox in Go")
}

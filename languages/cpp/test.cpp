#include <iostream>

int main() {
    std::cout << "Hello from Runbox in C++" << std::endl;
}

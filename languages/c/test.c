#include <stdio.h>

int main(void) {
    printf("Hello from Runbox in C\n");
    return 0;
}

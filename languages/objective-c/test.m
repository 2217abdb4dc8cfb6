#import <objc/Object.h>
#include <stdio.h>

@interface Greeter : Object
+ (void)greet;
@end

@implementation Greeter
+ (void)greet {
    printf("Hello from Runbox in Objective-C\n");
}
@end

int main(void) {
    [Greeter greet];
    return 0;
}

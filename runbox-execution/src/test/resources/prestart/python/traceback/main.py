import helper


def outer(n):
    return inner(n)


def inner(n):
    return helper.divide(1, n)


print("before", flush=True)
outer(0)

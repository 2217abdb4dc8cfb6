import os
import sys

import helper

print(helper.__file__)
print(sys.path)
print(list(sys.path_importer_cache))
print(list(os.environ.items()))

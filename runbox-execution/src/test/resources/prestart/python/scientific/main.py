# The scientific packages in a pre-started interpreter: what a cold start sees of them.
import glob
import os
import sys

import matplotlib.pyplot as plt
import numpy
import pandas
import scipy.stats
import sympy

print("backend", plt.get_backend(), "config", os.environ.get("MPLCONFIGDIR"))
print("font cache", [(os.path.basename(p), os.path.islink(p)) for p in glob.glob("/tmp/.matplotlib/*")])
print("numpy", int(numpy.arange(100).sum()), "scipy", round(float(scipy.stats.norm.cdf(0)), 3))
print("pandas", pandas.DataFrame({"x": [1, 2, 3]}).x.mean(), "sympy", sympy.expand("(a+1)**2"))
plt.plot([0, 1], [1, 0])
plt.show()
print("figures", sorted(os.listdir(".runbox-figures")), "left open", plt.get_fignums())
print("modules", sorted(m for m in sys.modules if m.split(".")[0] in ("sitecustomize", "runbox_matplotlib")))

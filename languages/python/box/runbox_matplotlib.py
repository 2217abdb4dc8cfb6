"""Runbox's matplotlib backend (MPLBACKEND=module://runbox_matplotlib): Agg, no display, and plt.show() saves every
open figure as a PNG into the workspace's .runbox-figures/ folder (figure-1.png, figure-2.png, ...) and closes it, as
a notebook shows a cell's figures. Runbox returns the files of that folder with the run's result.
"""

import os

from matplotlib._pylab_helpers import Gcf
from matplotlib.backend_bases import FigureManagerBase
from matplotlib.backends.backend_agg import FigureCanvasAgg

FIGURES_DIR = "/box/.runbox-figures"

FigureCanvas = FigureCanvasAgg
FigureManager = FigureManagerBase


def show(*args, **kwargs):
    """Saves the open figures, each under the next free figure-<n>.png, and closes them."""
    managers = Gcf.get_all_fig_managers()
    if not managers:
        return
    os.makedirs(FIGURES_DIR, exist_ok=True)
    n = 0
    for manager in managers:
        n += 1
        while os.path.lexists(os.path.join(FIGURES_DIR, "figure-%d.png" % n)):
            n += 1
        manager.canvas.figure.savefig(os.path.join(FIGURES_DIR, "figure-%d.png" % n), format="png")
    Gcf.destroy_all()

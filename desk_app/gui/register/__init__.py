"""The dossier register: every dossier in a lazily loaded table with filters and colours.

``RegisterView(store, clock, parent)`` is the widget the main window embeds; see
:mod:`desk_app.gui.register.view` for its signals and methods.
"""

from desk_app.gui.register.model import RegisterModel
from desk_app.gui.register.view import RegisterView

__all__ = ["RegisterModel", "RegisterView"]

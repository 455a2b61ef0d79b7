"""desk_app: the commune one-stop desk ("bộ phận một cửa") program.

Layers (data flows one way): gui -> services -> store (+ outbox) -> sync.
``desk_app.core``, ``desk_app.store`` and ``desk_app.services`` never import Qt.
"""

__version__ = "0.1.0"

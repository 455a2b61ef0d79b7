"""The main window of the counter program."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMainWindow, QVBoxLayout, QWidget
from sqlalchemy import func, select

from desk_app.store.engine import Store
from desk_app.store.models import Commune, Dossier, ProcedureVersion


class MainWindow(QMainWindow):
    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        with store.read() as session:
            commune = session.scalars(select(Commune).limit(1)).one()
            dossiers = session.scalar(select(func.count(Dossier.id))) or 0
            procedures = session.scalar(select(func.count(ProcedureVersion.id))) or 0
        self.setWindowTitle(f"Một cửa - {commune.name}")
        central = QWidget()
        layout = QVBoxLayout(central)
        title = QLabel(f"<h2>{commune.desk_name}</h2><p>{commune.name}</p>")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(title)
        self.summary = QLabel(
            f"Danh mục: {procedures} phiên bản thủ tục · Hồ sơ đã lưu: {dossiers}"
        )
        self.summary.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.summary)
        self.setCentralWidget(central)
        self.statusBar().showMessage(f"Cơ sở dữ liệu: {store.path}")
        self.resize(1024, 700)

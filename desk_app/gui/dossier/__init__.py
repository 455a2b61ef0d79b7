"""The dossier page: one dossier, its history and its life-cycle actions."""

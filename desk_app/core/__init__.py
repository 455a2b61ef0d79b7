"""Qt-free domain rules: text folding, working-day calendar, dossier codes, CCCD, life cycle."""

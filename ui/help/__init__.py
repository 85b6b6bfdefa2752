"""Help: the local user guide (F1), the shortcut cheat sheet and About."""

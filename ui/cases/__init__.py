"""The case queue, the case detail and its action dialogs."""
